import type { AppContext } from '../context.ts';
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

/**
 * Deletes an account and all its data in one transaction: the users row goes, and every
 * table holding the user's data follows by ON DELETE CASCADE (health data, integrations,
 * exports, sessions and refresh tokens, identities); references that are not the user's
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
