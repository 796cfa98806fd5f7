import { join } from 'node:path';
import ms from 'ms';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { CLOCK_SKEW_MS } from '../lib/access-tokens.ts';
import { DataCipher, KEY_FILE_NAME, readKeyFile } from '../lib/data-encryption.ts';
import { rotateSigningKey } from '../services/rotate-signing-key.service.ts';
import { discardUnreadableServerSecrets } from '../services/server-secrets.service.ts';

/**
 * The data key the signing keys are sealed with, as the server finds it: DATA_ENCRYPTION_KEY, else
 * the key file of the data folder. Never a new key file: one made here (say, in the wrong working
 * folder with PostgreSQL) would seal the set with a key no server has.
 */
function dataCipherOf(config: Config, dataDir: string): DataCipher {
  if (config.dataEncryptionKey) return new DataCipher(config.dataEncryptionKey);
  const path = join(dataDir, KEY_FILE_NAME);
  const key = readKeyFile(path);
  if (!key)
    throw new Error(
      `Neither DATA_ENCRYPTION_KEY nor ${path} exists: the signing keys are sealed with the server's data key. ` +
        'Run this with the same DATA_ENCRYPTION_KEY (or in the same working folder) as the server.',
    );
  return new DataCipher(key);
}

/**
 * `baseline rotate-signing-key [--discard-unreadable]`: makes a new current access-token signing
 * key (see rotate-signing-key.service.ts). No restart: running servers sign with it from their
 * next token on, and the old key keeps verifying what it signed until that has expired.
 * With --discard-unreadable, the other server secrets this data key cannot open are dropped too.
 */
export async function rotateSigningKeyCommand(config: Config, o: { discardUnreadable: boolean }): Promise<string> {
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const keepRetiredMs = Math.max(config.accessTokenTtlMs, config.limitedAccessTokenTtlMs) + CLOCK_SKEW_MS;
    const cipher = dataCipherOf(config, database.dataDir);
    const r = await rotateSigningKey(database.db, database.dialect, cipher, systemClock.now(), {
      keepRetiredMs,
      discardUnreadable: o.discardUnreadable,
    });
    // the other secrets sealed with the lost key too, or the server would still not start
    const dropped = o.discardUnreadable
      ? await discardUnreadableServerSecrets(database.db, database.dialect, cipher)
      : [];
    return [
      `Access tokens are now signed with key ${r.current}.`,
      r.discarded
        ? 'The old key set could not be opened and was discarded: access tokens issued so far stop working.'
        : '',
      r.retired && !r.discarded
        ? `The previous key (${r.retired}) keeps verifying the tokens it signed until they expire (within ${ms(keepRetiredMs, { long: true })}).`
        : '',
      r.dropped ? `Dropped ${r.dropped} retired key(s) whose tokens have all expired.` : '',
      dropped.length
        ? `Could not be opened either and were discarded (new ones are made at the next start): ${dropped.join(', ')}.`
        : '',
      'Running servers sign with the new key from their next token on; no restart is needed.',
    ]
      .filter(Boolean)
      .join(' ');
  } finally {
    await database.db.destroy();
  }
}
