import type { Kysely } from 'kysely';

/**
 * Issue 14: where rate-limit counters are kept while Redis is down, shared by every server process
 * on the database, so a Redis outage neither lifts the limits nor refuses everyone. One row per
 * (route, client) window: the key is a SHA-256 hex of it (no client address is stored), the count
 * of requests in the window, and when the window ends as ISO text — it compares the same on SQLite
 * and PostgreSQL, like every other time here. Rows whose window has ended are deleted now and then;
 * the index makes that a range delete.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_window_end')
    .on('rate_limit_counters')
    .column('window_end')
    .execute();
}
