import type { Kysely } from 'kysely';

/**
 * Issue 14: the table where rate-limit counters are kept while Redis is down (filled in by the
 * rate-limit store's work; empty until then).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>): Promise<void> {}
