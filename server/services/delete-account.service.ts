import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { dialect } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import {
  authorizeReauthentication,
  proofRequired,
  type Proof,
  type ProofGiven,
} from '../policies/reauthentication.policy.ts';
import { authorizeUserAction } from '../policies/user-admin.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  countActiveAdmins,
  deleteUserRow,
  findUserById,
  usernameKey,
  type UserRow,
} from '../repositories/users.repository.ts';
import { verifyPassword } from '../lib/passwords.ts';
import { deleteSomeOfUser } from '../health/health-data.repository.ts';
import { HEALTH_KINDS } from '../health/health-kinds.ts';

/** Rows one DELETE removes on SQLite: a few milliseconds of the event loop each. */
const SQLITE_DELETE_SLICE = 2000;

/**
 * SQLite only: the person's health rows, a slice at a time, letting the event loop run between
 * slices. better-sqlite3 runs each statement synchronously, so one DELETE of 100,000 rows
 * (cascaded from the users row) held every other request for its whole ~0.4 s; between slices,
 * other people's reads are served (the prepared reads of db/prepared.ts use their own connection
 * and see only what is committed). Still one transaction: all or nothing. Observations go before
 * interventions, so that the interventions' ON DELETE SET NULL finds nothing left to update.
 * PostgreSQL needs none of this (its statements do not hold the event loop, and readers do not
 * wait for writers): the users row's cascade removes everything there.
 */
async function deleteHealthRowsInSlices(trx: Db, userId: string): Promise<void> {
  const others = HEALTH_KINDS.map((kind) => kind.table).filter((table) => table !== 'observations');
  const tables = ['observations' as const, ...others];
  for (const table of tables) {
    while ((await deleteSomeOfUser(trx, table, userId, SQLITE_DELETE_SLICE)) === SQLITE_DELETE_SLICE) await nextTurn();
    await nextTurn();
  }
}

/**
 * Deletes an account and all its data in one transaction: the users row goes, and every
 * table holding the user's data follows by ON DELETE CASCADE (health data, integrations,
 * exports, sessions and refresh tokens, identities; on SQLite the health data is deleted first,
 * in slices); references that are not the user's
 * data (invites they created, people they invited, audit events they made) are set to null.
 * The audit record names the account by id only: nothing personal of it is kept.
 * `by` is the admin who deletes, or null when people delete their own account; the lock-out
 * guards (not oneself through the admin routes, never the last active admin) are user-admin.policy.ts's.
 */
export async function deleteAccount(ctx: AppContext, by: { id: string } | null, targetId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await dialect.lockAdmins(trx, ctx.dialect);
    const user = await findUserById(trx, targetId);
    if (!user) throw errors.notFound('user');
    authorizeUserAction(by ?? { id: targetId }, by ? 'user:delete' : 'me:delete', user, {
      activeAdmins: await countActiveAdmins(trx),
    });
    const now = ctx.clock.now();
    await recordAudit(
      trx,
      {
        actorId: by?.id ?? null,
        action: by ? 'user.deleted' : 'user.deleted_self',
        target: `user:${targetId}`,
        detail: { role: user.role },
      },
      now,
    );
    if (ctx.dialect === 'sqlite') await deleteHealthRowsInSlices(trx, targetId);
    await deleteUserRow(trx, targetId);
  });
}

/**
 * DELETE /me: the account's password confirms it, or — for accounts that sign in only
 * with Google or Apple — the username typed out. Disabled accounts may do this too.
 */
export async function deleteOwnAccount(
  ctx: AppContext,
  actorId: string,
  confirmation: { password?: string; confirm?: string },
): Promise<void> {
  const user = await findUserById(ctx.db, actorId);
  if (!user) throw errors.unauthenticated();
  const proof = proofRequired('me:delete', { hasPassword: Boolean(user.password_hash) });
  authorizeReauthentication('me:delete', proof, await checkConfirmation(user, proof, confirmation));
  await deleteAccount(ctx, null, actorId);
}

/** Checks the confirmation sent against the proof the policy asks for; the policy judges the result. */
async function checkConfirmation(
  user: UserRow,
  proof: Proof,
  confirmation: { password?: string; confirm?: string },
): Promise<ProofGiven> {
  const sent = proof === 'password' ? confirmation.password : confirmation.confirm;
  if (sent === undefined) return { given: false, matches: false };
  const matches =
    proof === 'password' ? await verifyPassword(user.password_hash, sent) : usernameKey(sent) === user.username_key;
  return { given: true, matches };
}
