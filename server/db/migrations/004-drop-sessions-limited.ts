import type { Kysely } from 'kysely';

/**
 * sessions.limited was written at sign-in and never read: whether a token is limited follows
 * from the account's status on every request, not from how the session began. Dropped so that
 * no one mistakes it for a rule. (SQLite drops a plain column since 3.35.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('limited').execute();
}
