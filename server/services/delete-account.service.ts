import type { AppContext } from '../context.ts';
import { dialect } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { assertMayDeleteUser, isActiveAdmin } from '../policies/user-admin.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { countActiveAdmins, deleteUserRow, findUserById, usernameKey } from '../repositories/users.repository.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Deletes an account and all its data in one transaction: the users row goes, and every
 * table holding the user's data follows by ON DELETE CASCADE (health data, integrations,
 * exports, sessions and refresh tokens, identities); references that are not the user's
 * data (invites they created, people they invited, audit events they made) are set to null.
 * The audit record names the account by id only: nothing personal of it is kept.
 * `by` is the admin who deletes, or null when people delete their own account.
 */
export async function deleteAccount(ctx: AppContext, by: { id: string } | null, targetId: string): Promise<void> {
  if (by) assertMayDeleteUser(by, targetId);
  await ctx.db.transaction().execute(async (trx) => {
    await dialect.lockAdmins(trx, ctx.dialect);
    const user = await findUserById(trx, targetId);
    if (!user) throw errors.notFound('user');
    if (isActiveAdmin(user) && (await countActiveAdmins(trx)) <= 1) throw errors.lastAdmin();
    const now = ctx.clock.now();
    await recordAudit(trx, { actorId: by?.id ?? null, action: by ? 'user.deleted' : 'user.deleted_self', target: `user:${targetId}`, detail: { role: user.role } }, now);
    await deleteUserRow(trx, targetId);
  });
}

/**
 * DELETE /me: the account's password confirms it, or — for accounts that sign in only
 * with Google or Apple — the username typed out. Disabled accounts may do this too.
 */
export async function deleteOwnAccount(ctx: AppContext, actorId: string, confirmation: { password?: string; confirm?: string }): Promise<void> {
  const user = await findUserById(ctx.db, actorId);
  if (!user) throw errors.unauthenticated();
  if (user.password_hash) {
    if (confirmation.password === undefined) throw errors.validation('Confirm with your password.', [{ path: '/password', message: 'is required' }]);
    if (!(await verifyPassword(user.password_hash, confirmation.password))) {
      throw errors.validation('The password is not right.', [{ path: '/password', message: 'does not match' }]);
    }
  } else if (confirmation.confirm === undefined || usernameKey(confirmation.confirm) !== user.username_key) {
    throw errors.validation('Type your username to confirm.', [{ path: '/confirm', message: 'must be your username' }]);
  }
  await deleteAccount(ctx, null, actorId);
}
