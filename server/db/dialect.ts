import { sql } from 'kysely';
import type { Db, DialectName } from './database.ts';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place.
 * Both store times as ISO text, so comparisons and ordering need no conversion.
 */
export const dialect = {
  /**
   * Takes the write lock that serialises "is there still another admin?" checks.
   * PostgreSQL: an advisory transaction lock. SQLite: transactions already run one at a time.
   */
  async lockAdmins(trx: Db, name: DialectName): Promise<void> {
    if (name === 'postgres') await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
  },

  /**
   * SELECT … FOR UPDATE, for a read that a write in the same transaction depends on.
   * PostgreSQL: the rows stay locked until the transaction ends, so a concurrent writer waits and
   * then reads the new values. SQLite has no such clause and needs none: its transactions run
   * one at a time.
   */
  forUpdate<Q extends { forUpdate(): Q }>(query: Q, name: DialectName): Q {
    return name === 'postgres' ? query.forUpdate() : query;
  },
};

/**
 * Names the unique constraint a failed insert broke, on either database, or undefined
 * when the error is something else. Lets a lost race on a username map to username_taken.
 */
export function uniqueViolation(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { code?: string; constraint?: string };
  if (e.code === '23505') return e.constraint ?? 'unique';
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: users.username_key"
    return e.message.split(':').pop()?.trim() ?? 'unique';
  }
  return undefined;
}
