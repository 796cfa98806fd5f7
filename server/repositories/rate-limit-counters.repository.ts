import type { Db } from '../db/database.ts';

/** A rate-limit window as the database holds it after a request was counted. */
export interface CounterWindow {
  /** requests in the window, this one included */
  count: number;
  /** when the window ends (ISO time) */
  windowEnd: string;
}

/**
 * Counts one request against a key, in one statement, so that simultaneous requests on several
 * processes are each counted and none reads a stale count. A key with no row, or whose window
 * ended at or before `now`, gets `fresh`: count 1 and a window from now, or — when the limit moves
 * here from Redis mid-window — one more than the count Redis last gave this process, and that
 * window. A live window counts one more, or `fresh.count` if that is higher (another process saw
 * a higher count in Redis than the one that wrote the row): never less than any process knew.
 */
export async function countRateLimitHit(
  db: Db,
  key: string,
  now: string,
  fresh: CounterWindow,
): Promise<CounterWindow> {
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, count: fresh.count, window_end: fresh.windowEnd })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit_counters.window_end', '<=', now);
        return {
          // in a live window, one more — or `fresh`, when this process saw a higher count in Redis
          count: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.count'))
            .when(eb('rate_limit_counters.count', '>=', eb.ref('excluded.count')))
            .then(eb('rate_limit_counters.count', '+', 1))
            .else(eb.ref('excluded.count'))
            .end(),
          window_end: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.window_end'))
            .else(eb.ref('rate_limit_counters.window_end'))
            .end(),
        };
      }),
    )
    .returning(['count', 'window_end'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowEnd: row.window_end };
}

/** Deletes the windows that have ended, so the table holds only the clients of the last window. */
export async function deleteEndedRateLimitWindows(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('window_end', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
