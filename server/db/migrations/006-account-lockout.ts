import type { Kysely } from 'kysely';

/**
 * Door 2 and door 6 of issue 11.
 * - login_failures.attempts: sign-in attempts on one account (or one unknown login name) in the
 *   current window, counted *before* the password is checked, so that a flood of simultaneous
 *   guesses from many addresses cannot slip past the per-account limit; `failures` keeps
 *   counting the confirmed failures that the audit log records.
 * - sessions.sign_in_method: how the session began ('password', 'google', 'apple'), so that an
 *   account without a password can prove a recent provider sign-in before changing its email.
 *   Sessions from before this migration have none and never count as a recent sign-in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('login_failures')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sessions').addColumn('sign_in_method', 'text').execute();
}
