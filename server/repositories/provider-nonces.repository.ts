import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProviderNoncesTable } from '../db/schema.ts';

export type ProviderNonceRow = Selectable<ProviderNoncesTable>;

/**
 * Stores a new nonce (its hash), and first drops the rows last valid before `forgetBefore`, so
 * the table holds only what a still-verifiable ID token could name.
 */
export async function insertProviderNonce(
  db: Db,
  row: Omit<ProviderNonceRow, 'used_at'>,
  forgetBefore: string,
): Promise<void> {
  await db.deleteFrom('provider_nonces').where('expires_at', '<', forgetBefore).execute();
  await db
    .insertInto('provider_nonces')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Spends one of the given hashes in one conditional UPDATE: of two requests racing with the same
 * nonce, only one gets true. `userId` is whom the nonce must have been issued to: null for a
 * sign-in nonce, the caller's id for a link nonce. A spent, expired or unknown nonce, or one
 * issued to someone else (or for the other purpose), gives false.
 */
export async function spendProviderNonce(
  db: Db,
  hashes: string[],
  now: string,
  userId: string | null,
): Promise<boolean> {
  const spent = await db
    .updateTable('provider_nonces')
    .set({ used_at: now })
    .where('nonce_hash', 'in', hashes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('user_id', userId === null ? 'is' : '=', userId)
    .returning('nonce_hash')
    .executeTakeFirst();
  return spent !== undefined;
}

/**
 * The nonce this server issued under one of these hashes, if it still remembers it: tells "spent"
 * or "not yours" from "never ours".
 */
export async function findProviderNonce(
  db: Db,
  hashes: string[],
): Promise<Pick<ProviderNonceRow, 'user_id'> | undefined> {
  return db.selectFrom('provider_nonces').select('user_id').where('nonce_hash', 'in', hashes).executeTakeFirst();
}
