import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { UsedIdTokensTable } from '../db/schema.ts';

export type UsedIdTokenRow = Selectable<UsedIdTokensTable>;

/**
 * Records an ID token as used; false when it already was. One insert that does nothing on a
 * conflict: of two requests racing with the same token, the second waits for the first to
 * commit (PostgreSQL) or runs after it (SQLite), and gets false. Tokens that can no longer
 * verify are dropped first, so the table holds only what could still be replayed.
 */
export async function recordUsedIdToken(db: Db, row: UsedIdTokenRow): Promise<boolean> {
  await db.deleteFrom('used_id_tokens').where('expires_at', '<=', row.used_at).execute();
  const inserted = await db
    .insertInto('used_id_tokens')
    .values(row)
    .onConflict((oc) => oc.column('token_key').doNothing())
    .returning('token_key')
    .executeTakeFirst();
  return inserted !== undefined;
}
