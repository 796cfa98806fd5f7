import { randomBytes } from 'node:crypto';
import type { Db, DialectName } from '../db/database.ts';
import { deleteSecret, findSecret, insertSecretIfAbsent, updateSecret } from '../repositories/secrets.repository.ts';
import { parseBase64Key } from './crypto.ts';
import type { DataCipher } from './data-encryption.ts';
import { secretContext } from './sealed-secrets.ts';

/**
 * The access-token signing keys, kept as ONE server_secrets row sealed with the data encryption
 * key (AES-256-GCM, this row's name bound as additional data). That key never enters the
 * database (DATA_ENCRYPTION_KEY or the key file of the data folder), so a copy of the database
 * alone holds no key that signs a token. One row, read and written whole, so that a rotation is
 * atomic and every process sees a consistent set.
 */
export const KEY_SET_SECRET = 'access_token_keys';

/** Where versions before this one kept their single signing key, in plain text; adopted and removed at start. */
export const LEGACY_KEY_SECRET = 'access_token_hs256';

const CONTEXT = secretContext(KEY_SET_SECRET);

/** One signing key of the set. */
export interface SigningKey {
  /** the `kid` header of the tokens it signs */
  kid: string;
  key: Buffer;
  createdAt: string;
  /** when a newer key became current; null for the current key. A retired key verifies only what it signed before. */
  retiredAt: string | null;
  /** adopted from a version without key ids: tokens without a `kid` header are its tokens */
  legacy: boolean;
}

interface StoredKey {
  kid: string;
  key: string;
  createdAt: string;
  retiredAt: string | null;
  legacy?: boolean;
}

/** Seals the set for its server_secrets row. */
export function sealKeySet(cipher: DataCipher, keys: SigningKey[]): string {
  const stored: StoredKey[] = keys.map((k) => ({
    kid: k.kid,
    key: k.key.toString('base64'),
    createdAt: k.createdAt,
    retiredAt: k.retiredAt,
    ...(k.legacy ? { legacy: true } : {}),
  }));
  return cipher.encrypt(JSON.stringify({ keys: stored }), CONTEXT);
}

/**
 * Opens the sealed set, or throws a message that says what to do: the usual cause is a server
 * started with another data key than the one the set was sealed with.
 */
export function openKeySet(cipher: DataCipher, text: string): SigningKey[] {
  let plain: string;
  try {
    plain = cipher.decrypt(text, CONTEXT);
  } catch (err) {
    throw new Error(
      `The access-token signing keys in the database cannot be opened with this data key: ` +
        `${err instanceof Error ? err.message : String(err)} Start with the DATA_ENCRYPTION_KEY (or key file) ` +
        `they were sealed with; if that key is lost, \`baseline rotate-signing-key --discard-unreadable\` ` +
        `starts a new set (access tokens already issued stop working; refresh tokens keep working).`,
      { cause: err },
    );
  }
  const parsed = JSON.parse(plain) as { keys?: StoredKey[] };
  if (!Array.isArray(parsed.keys)) throw new Error('The access-token key set is not in a known form.');
  return parsed.keys.map((k) => {
    const key = parseBase64Key(k.key);
    if (!key || typeof k.kid !== 'string' || !k.kid) throw new Error('The access-token key set holds a broken key.');
    return { kid: k.kid, key, createdAt: k.createdAt, retiredAt: k.retiredAt ?? null, legacy: k.legacy === true };
  });
}

/** A new random 256-bit HS256 key with a random key id. */
export function newSigningKey(now: Date): SigningKey {
  return {
    kid: randomBytes(9).toString('base64url'),
    key: randomBytes(32),
    createdAt: now.toISOString(),
    retiredAt: null,
    legacy: false,
  };
}

/** The key that signs: the one not retired (the newest, should a set ever hold two). */
export function currentKeyOf(keys: SigningKey[]): SigningKey | undefined {
  return keys.filter((k) => k.retiredAt === null).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/**
 * Adds a plain legacy key to the set as a retired key: it keeps verifying the tokens it signed
 * before now (they carry no kid), and signs nothing more — its plain copy sits in every backup
 * made so far, so it must not stay current.
 */
function adoptLegacy(keys: SigningKey[], value: string, createdAt: string, now: Date): SigningKey[] {
  const key = parseBase64Key(value);
  if (!key) return keys; // not a key this server wrote: nothing to keep verifying
  if (keys.some((k) => k.key.equals(key))) return keys;
  const others = keys.map((k) => ({ ...k, legacy: false }));
  return [...others, { ...newSigningKey(now), key, createdAt, retiredAt: now.toISOString(), legacy: true }];
}

/** The sealed set as stored, or undefined before the first start. One read by primary key. */
export async function readKeySet(db: Db): Promise<string | undefined> {
  return (await findSecret(db, KEY_SET_SECRET))?.value;
}

class LostRace extends Error {}

/**
 * Makes sure the sealed set exists and returns it. On the first start it creates the first key;
 * on a database of an earlier version it adopts the plain key (retired at once, see adoptLegacy),
 * makes a new current key and deletes the plain row, all in one transaction. When several
 * processes start together, the one whose insert loses starts over and reads the winner's set.
 */
export async function ensureKeySet(db: Db, dialect: DialectName, cipher: DataCipher, now: Date): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const existing = await readKeySet(db);
    const legacy = await findSecret(db, LEGACY_KEY_SECRET);
    if (existing && !legacy) return existing;
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await findSecret(trx, KEY_SET_SECRET, dialect);
        const plain = await findSecret(trx, LEGACY_KEY_SECRET);
        let keys = row ? openKeySet(cipher, row.value) : [];
        if (plain) keys = adoptLegacy(keys, plain.value, plain.created_at, now);
        if (!currentKeyOf(keys)) keys = [...keys, newSigningKey(now)];
        const text = sealKeySet(cipher, keys);
        if (row) await updateSecret(trx, KEY_SET_SECRET, text);
        else if (!(await insertSecretIfAbsent(trx, KEY_SET_SECRET, text, now.toISOString()))) throw new LostRace();
        if (plain) await deleteSecret(trx, LEGACY_KEY_SECRET);
        return text;
      });
    } catch (err) {
      if (err instanceof LostRace && attempt < 3) continue;
      throw err;
    }
  }
}
