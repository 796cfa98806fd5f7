import type { Kysely } from 'kysely';

/**
 * Failed-login counters, shared by every server process, so that a burst of failures
 * against one login name is noticed and written to the audit log once per window.
 * The key is a hash of the lower-cased login name: attempted names are not stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
}
