import type { Kysely } from 'kysely';

/**
 * sessions.signed_in_at: when the person signed in. A session's absolute end is signed_in_at +
 * REFRESH_TOKEN_TTL however often it is refreshed (each refresh used to move expires_at 30 days
 * ahead, so a session could live for ever). Existing sessions began at their created_at. The
 * column keeps a '' default only because SQLite cannot add a NOT NULL column without one; every
 * insert writes it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('signed_in_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('sessions')
    .set((eb) => ({ signed_in_at: eb.ref('created_at') }))
    .execute();
}
