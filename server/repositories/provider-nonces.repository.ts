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
 * nonce, only one gets true. A spent, expired or unknown nonce gives false.
 */
export async function spendProviderNonce(db: Db, hashes: string[], now: string): Promise<boolean> {
  const spent = await db
    .updateTable('provider_nonces')
    .set({ used_at: now })
    .where('nonce_hash', 'in', hashes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('nonce_hash')
    .executeTakeFirst();
  return spent !== undefined;
}

/** Whether this server ever issued one of these hashes (and still remembers it): tells "spent" from "never ours". */
export async function providerNonceExists(db: Db, hashes: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('provider_nonces')
    .select('nonce_hash')
    .where('nonce_hash', 'in', hashes)
    .executeTakeFirst();
  return row !== undefined;
}
