import type { Db } from '../db/database.ts';

/** The count of one key's window as it stands after an attempt was reserved. */
export interface AttemptWindow {
  /** attempts in the window, this one included */
  attempts: number;
  /** when the window began (ISO time) */
  windowStart: string;
}

/**
 * Reserves one sign-in attempt for a key before its password is checked: one upsert, so that
 * simultaneous attempts on several processes are each counted and none can read a stale count.
 * A window that began before windowStart is restarted (attempts 1, failures 0). Returns the
 * window after this attempt; the caller refuses the attempt when it is over the limit.
 */
export async function reserveLoginAttempt(
  db: Db,
  key: string,
  now: string,
  windowStart: string,
): Promise<AttemptWindow> {
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 0, attempts: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const stale = eb('login_failures.window_start', '<', windowStart);
        return {
          attempts: eb
            .case()
            .when(stale)
            .then(1)
            .else(eb('login_failures.attempts', '+', 1))
            .end(),
          failures: eb.case().when(stale).then(0).else(eb.ref('login_failures.failures')).end(),
          window_start: eb.case().when(stale).then(now).else(eb.ref('login_failures.window_start')).end(),
        };
      }),
    )
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  return { attempts: Number(row.attempts), windowStart: row.window_start };
}

/**
 * Counts a checked password as a failure for the key's current window. Returns the failures
 * after this one, or 0 when the window is gone (a successful sign-in cleared it meanwhile).
 * Called inside the transaction that writes the audit row the count may call for.
 */
export async function recordLoginFailure(db: Db, key: string): Promise<number> {
  const row = await db
    .updateTable('login_failures')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('key', '=', key)
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : 0;
}

/** A successful sign-in clears the count. */
export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
