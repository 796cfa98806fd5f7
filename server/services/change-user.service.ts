import type { AppContext } from '../context.ts';
import { dialect } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { changeEndsRefreshTokens } from '../policies/session.policy.ts';
import { authorizeUserChange } from '../policies/user-admin.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { revokeRefreshTokensOfUser } from '../repositories/sessions.repository.ts';
import { countActiveAdmins, findUserById, updateUser, type UserRow } from '../repositories/users.repository.ts';

export interface UserChange {
  role?: 'admin' | 'user';
  status?: 'active' | 'disabled';
}

/**
 * Changes a user's role and/or status (admin routes and the CLI). Checks and writes in one
 * transaction under the admin lock, so two admins demoting each other at once cannot both
 * succeed. The policies decide (user-admin.policy.ts: lock-out guards; session.policy.ts:
 * disabling stops every refresh token of the user at once); this only reads and writes.
 * actorId is null for the command-line tool.
 */
export async function changeUser(
  ctx: AppContext,
  actorId: string | null,
  targetId: string,
  change: UserChange,
): Promise<UserRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await dialect.lockAdmins(trx, ctx.dialect);
    const user = await findUserById(trx, targetId);
    if (!user) throw errors.notFound('user');
    authorizeUserChange(actorId ? { id: actorId } : null, change, user, { activeAdmins: await countActiveAdmins(trx) });
    const role = change.role ?? user.role;
    const status = change.status ?? user.status;
    if (role === user.role && status === user.status) return user;
    const now = ctx.clock.now();
    const updated = await updateUser(trx, targetId, { role, status }, now.toISOString());
    if (changeEndsRefreshTokens(user, { status }))
      await revokeRefreshTokensOfUser(
        trx,
        targetId,
        new Date(now.getTime() + ctx.config.accessTokenTtlMs).toISOString(),
      );
    const detail: Record<string, unknown> = {};
    if (role !== user.role) detail.role = { from: user.role, to: role };
    if (status !== user.status) detail.status = { from: user.status, to: status };
    await recordAudit(
      trx,
      {
        actorId,
        action: 'user.changed',
        target: `user:${targetId}`,
        detail: { ...detail, via: actorId ? 'api' : 'cli' },
      },
      now,
    );
    return updated!;
  });
}
