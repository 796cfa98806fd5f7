import type { Db } from '../db/database.ts';

/**
 * Counts one failed login for a key inside a sliding-start window: a window older than
 * windowStart is restarted at 1. Returns the count after this failure. One upsert, so
 * concurrent failures on several processes are all counted.
 */
export async function countLoginFailure(db: Db, key: string, now: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_failures.window_start', '<', windowStart)
          .then(1)
          .else(eb('login_failures.failures', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('login_failures.window_start', '<', windowStart)
          .then(now)
          .else(eb.ref('login_failures.window_start'))
          .end(),
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** A successful login clears the count. */
export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
