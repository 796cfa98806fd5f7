import type { Db, DialectName } from '../db/database.ts';
import {
  deleteSecret,
  findSecret,
  insertSecretIfAbsent,
  replaceSecretIf,
  updateSecret,
} from '../repositories/secrets.repository.ts';
import { keyIdOfValue, type DataCipher } from './data-encryption.ts';

/**
 * A random server-wide secret that every process must share — a key, a one-time token — made on
 * first use. It lives in its server_secrets row sealed with the data encryption key, which never
 * enters the database, so a copy of the database alone does not hold it (issue 11, door 1). The
 * access-token signing keys follow the same rule with their own logic (signing-keys.ts): they are
 * a set that rotates and verifies old tokens, where these are one value each, simply replaced.
 */
export interface SealedSecret {
  /** its row in server_secrets */
  name: string;
  /** what it is, for messages: "the Google sign-in flow key" */
  label: string;
  /** a new random value, as text */
  generate(): string;
}

/** Additional data bound to a secret's sealed value: a value copied into another row does not open. */
export function secretContext(name: string): string {
  return `server_secrets:${name}`;
}

/**
 * Whether a stored value is sealed (DataCipher's `v1:<key id>:…` text). Versions before this one
 * stored these secrets in plain base64 or base64url, neither of which ever holds a colon.
 */
export function isSealed(value: string): boolean {
  return value.includes(':');
}

/** Opens a sealed value, or throws a message that says what to do (the usual cause: another data key). */
export function openSealedSecret(cipher: DataCipher, secret: SealedSecret, text: string): string {
  try {
    return cipher.decrypt(text, secretContext(secret.name));
  } catch (err) {
    throw new Error(
      `${capitalized(secret.label)} in the database (server_secrets ${secret.name}) cannot be opened with this ` +
        `data key: ${err instanceof Error ? err.message : String(err)} Start with the DATA_ENCRYPTION_KEY (or key ` +
        `file) it was sealed with; if that key is lost, \`baseline rotate-signing-key --discard-unreadable\` ` +
        `discards it and a new one is made at the next start.`,
      { cause: err },
    );
  }
}

/**
 * The secret's value, the same for every process: opened from its row, or made and sealed on first
 * use. A plain row left by an earlier version is replaced by a NEW sealed value — its plain copy is
 * in every backup made so far, so it must not stay in use — with one conditional update, so that
 * when several processes start together exactly one replaces it and the others read the winner's
 * row; likewise only one first insert wins. What was sealed with the plain value (a Google
 * sign-in in flight) stops opening.
 */
export async function loadSealedSecret(db: Db, cipher: DataCipher, secret: SealedSecret, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await findSecret(db, secret.name);
    if (row && isSealed(row.value)) return openSealedSecret(cipher, secret, row.value);
    const value = secret.generate();
    const sealed = cipher.encrypt(value, secretContext(secret.name));
    const written = row
      ? await replaceSecretIf(db, secret.name, row.value, sealed)
      : await insertSecretIfAbsent(db, secret.name, sealed, now.toISOString());
    if (written) return value;
  }
  throw new Error(`${capitalized(secret.label)} kept changing while this process read it: start it again.`);
}

/** What `rotate-encryption-key` did to one secret. */
export type ResealOutcome = 'resealed' | 'already' | 'dropped' | 'absent';

/**
 * Part of `baseline rotate-encryption-key`: seals the secret's value again under the new data key,
 * unchanged, so the processes still running with it keep agreeing. Already under the new key: left
 * alone (the command can run again). Under neither key: no server could open it, so the row is
 * dropped and a new value is made at the next start. A plain row is left for the start to adopt.
 */
export async function resealSecret(
  db: Db,
  dialect: DialectName,
  secret: SealedSecret,
  from: DataCipher,
  to: DataCipher,
): Promise<ResealOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await findSecret(trx, secret.name, dialect);
    if (!row || !isSealed(row.value)) return 'absent';
    if (keyIdOfValue(row.value) === to.keyId) return 'already';
    let value: string;
    try {
      value = from.decrypt(row.value, secretContext(secret.name));
    } catch {
      await deleteSecret(trx, secret.name);
      return 'dropped';
    }
    await updateSecret(trx, secret.name, to.encrypt(value, secretContext(secret.name)));
    return 'resealed';
  });
}

/**
 * Part of `baseline rotate-signing-key --discard-unreadable` (the data key was lost): drops the
 * secret's row when this data key cannot open it, so the next start makes a new one. True if dropped.
 */
export async function discardUnreadableSecret(
  db: Db,
  dialect: DialectName,
  secret: SealedSecret,
  cipher: DataCipher,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await findSecret(trx, secret.name, dialect);
    if (!row || !isSealed(row.value)) return false;
    try {
      cipher.decrypt(row.value, secretContext(secret.name));
      return false;
    } catch {
      await deleteSecret(trx, secret.name);
      return true;
    }
  });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
