import type { Db, DialectName } from '../db/database.ts';
import { keyIdOfValue, type DataCipher } from '../lib/data-encryption.ts';
import {
  currentKeyOf,
  ensureKeySet,
  KEY_SET_SECRET,
  newSigningKey,
  openKeySet,
  sealKeySet,
  type SigningKey,
} from '../lib/signing-keys.ts';
import { findSecret, insertSecretIfAbsent, updateSecret } from '../repositories/secrets.repository.ts';

export interface SigningKeyRotation {
  /** kid of the new current key */
  current: string;
  /** kid of the key it replaced, which keeps verifying what it signed */
  retired: string | undefined;
  /** retired keys dropped because every token they signed has expired */
  dropped: number;
  /** the old set could not be opened and was discarded (only with discardUnreadable) */
  discarded: boolean;
}

/**
 * `baseline rotate-signing-key`: a new current access-token key, in one transaction. The key it
 * replaces is retired, not dropped: it keeps verifying the tokens it signed before now until they
 * expire. Retired keys older than `keepRetiredMs` (the longest token lifetime plus the clock
 * skew) verify nothing any more and are dropped. Running servers sign with the new key from
 * their next token on (they read the set when they sign) and learn its kid on first sight.
 * `discardUnreadable` starts a new set when the stored one cannot be opened with this data key
 * (the key was lost): access tokens already issued then stop working; refresh tokens do not.
 */
export async function rotateSigningKey(
  db: Db,
  dialect: DialectName,
  cipher: DataCipher,
  now: Date,
  o: { keepRetiredMs: number; discardUnreadable?: boolean },
): Promise<SigningKeyRotation> {
  if (!o.discardUnreadable) await ensureKeySet(db, dialect, cipher, now);
  return db.transaction().execute(async (trx) => {
    const row = await findSecret(trx, KEY_SET_SECRET, dialect);
    let keys: SigningKey[] = [];
    let discarded = false;
    if (row) {
      try {
        keys = openKeySet(cipher, row.value);
      } catch (err) {
        if (!o.discardUnreadable) throw err;
        discarded = true;
      }
    }
    const before = currentKeyOf(keys);
    const nowIso = now.toISOString();
    const retired = keys.map((k) => (k.retiredAt === null ? { ...k, retiredAt: nowIso } : k));
    const kept = retired.filter((k) => Date.parse(k.retiredAt!) + o.keepRetiredMs >= now.getTime());
    const next = newSigningKey(now);
    await writeKeySet(trx, row !== undefined, sealKeySet(cipher, [...kept, next]), nowIso);
    return { current: next.kid, retired: before?.kid, dropped: retired.length - kept.length, discarded };
  });
}

/**
 * Part of `baseline rotate-encryption-key`: seals the signing keys again under the new data key.
 * Already on the new key: left alone (the command can run again). Under neither key: no server
 * could open the set anyway, so it is replaced by a new one — unlike an integration token, a
 * signing key is nothing anyone needs back; access tokens already issued then need a refresh.
 */
export async function resealSigningKeys(
  db: Db,
  dialect: DialectName,
  from: DataCipher,
  to: DataCipher,
  now: Date,
): Promise<'resealed' | 'already' | 'replaced' | 'absent'> {
  return db.transaction().execute(async (trx) => {
    const row = await findSecret(trx, KEY_SET_SECRET, dialect);
    if (!row) return 'absent';
    if (keyIdOfValue(row.value) === to.keyId) return 'already';
    let keys: SigningKey[];
    let outcome: 'resealed' | 'replaced' = 'resealed';
    try {
      keys = openKeySet(from, row.value);
    } catch {
      keys = [newSigningKey(now)];
      outcome = 'replaced';
    }
    await writeKeySet(trx, true, sealKeySet(to, keys), now.toISOString());
    return outcome;
  });
}

async function writeKeySet(trx: Db, exists: boolean, text: string, now: string): Promise<void> {
  if (exists) await updateSecret(trx, KEY_SET_SECRET, text);
  else if (!(await insertSecretIfAbsent(trx, KEY_SET_SECRET, text, now)))
    throw new Error('A server created the signing keys at this very moment: run the command again.');
}
