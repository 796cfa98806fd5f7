import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DataCipher, KEY_FILE_NAME, parseKey, readKeyFile } from '../lib/data-encryption.ts';
import { reencryptIntegrationTokens } from '../services/rotate-encryption-key.service.ts';
import { resealSigningKeys } from '../services/rotate-signing-key.service.ts';
import { resealServerSecrets } from '../services/server-secrets.service.ts';

/** What became of the access-token signing keys, sealed with the data key too (each ends with a space). */
const SIGNING_KEYS: Record<Awaited<ReturnType<typeof resealSigningKeys>>, string> = {
  resealed: 'The access-token signing keys were sealed again under the new key. ',
  already: 'The access-token signing keys were already under the new key. ',
  replaced:
    'The access-token signing keys were under neither key and were replaced: access tokens issued so far need a refresh. ',
  absent: '',
};

/** What became of the other sealed server secrets (ends with a space). */
function otherSecrets(r: Awaited<ReturnType<typeof resealServerSecrets>>): string {
  const dropped = r.dropped
    ? `Under neither key and dropped (new ones are made at the next start): ${r.droppedLabels.join(', ')}. `
    : '';
  return `Sealed ${r.resealed} other server secret(s) again under the new key (${r.already} already on it). ${dropped}`;
}

/** The key waiting to replace the key file; kept until the rotation is done, so a crash loses nothing. */
const NEXT_KEY_FILE = `${KEY_FILE_NAME}.next`;

/**
 * `baseline rotate-encryption-key`: re-encrypts every integration token under a new key, and
 * seals the server secrets (signing keys, sealed-secrets.ts) again under it.
 * With DATA_ENCRYPTION_KEY set, the new key comes from NEW_DATA_ENCRYPTION_KEY and the
 * operator switches the variable afterwards. With the generated key file, a new key is
 * written beside it first (encryption.key.next), the tokens are re-encrypted, and only then
 * does the new file replace the old one; a rerun after a crash picks up the same new key.
 */
export async function rotateEncryptionKey(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const newFromEnv = env.NEW_DATA_ENCRYPTION_KEY
      ? parseKey(env.NEW_DATA_ENCRYPTION_KEY, 'NEW_DATA_ENCRYPTION_KEY')
      : undefined;

    if (config.dataEncryptionKey) {
      if (!newFromEnv)
        throw new Error(
          'DATA_ENCRYPTION_KEY is set: give the new key in NEW_DATA_ENCRYPTION_KEY (openssl rand -base64 32).',
        );
      const [from, to] = [new DataCipher(config.dataEncryptionKey), new DataCipher(newFromEnv)];
      const r = await reencryptIntegrationTokens(database.db, from, to);
      const s = await resealSigningKeys(database.db, database.dialect, from, to, systemClock.now());
      const o = otherSecrets(await resealServerSecrets(database.db, database.dialect, from, to));
      return `Re-encrypted ${r.reencrypted} integration(s) (${r.alreadyOnNewKey} already on the new key). ${SIGNING_KEYS[s]}${o}Now set DATA_ENCRYPTION_KEY to the new key in every server process and restart them.`;
    }

    const keyPath = join(database.dataDir, KEY_FILE_NAME);
    const nextPath = join(database.dataDir, NEXT_KEY_FILE);
    const oldKey = readKeyFile(keyPath);
    if (!oldKey) throw new Error(`Neither DATA_ENCRYPTION_KEY nor ${keyPath} exists: there is no key to rotate.`);
    let newKey = newFromEnv ?? readKeyFile(nextPath);
    if (!newKey) newKey = randomBytes(32);
    writeFileSync(nextPath, newKey.toString('base64') + '\n', { mode: 0o600 });
    chmodSync(nextPath, 0o600);
    const [from, to] = [new DataCipher(oldKey), new DataCipher(newKey)];
    const r = await reencryptIntegrationTokens(database.db, from, to);
    const s = await resealSigningKeys(database.db, database.dialect, from, to, systemClock.now());
    const o = otherSecrets(await resealServerSecrets(database.db, database.dialect, from, to));
    renameSync(nextPath, keyPath);
    return `Re-encrypted ${r.reencrypted} integration(s) (${r.alreadyOnNewKey} already on the new key). ${SIGNING_KEYS[s]}${o}${keyPath} now holds the new key; restart every server process.`;
  } finally {
    await database.db.destroy();
  }
}
