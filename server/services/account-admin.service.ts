import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { endSessionsOfUser } from '../repositories/sessions.repository.ts';
import {
  findUserByUsername,
  insertUser,
  updateUser,
  usernameExists,
  type UserRow,
} from '../repositories/users.repository.ts';
import { refuseCommonPassword } from '../lib/common-passwords.ts';
import { hashPassword } from '../lib/passwords.ts';
import { rethrowUniqueness } from './register-account.service.ts';

/** Recovery: creates an active admin without an invite (command-line tool), never with a common password. */
export async function createAdminAccount(
  ctx: AppContext,
  input: { username: string; password: string; email?: string },
): Promise<UserRow> {
  refuseCommonPassword(input.password, { username: input.username, emails: [input.email] }, '/password');
  if (await usernameExists(ctx.db, input.username)) throw errors.usernameTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      const user = await insertUser(trx, {
        id: newId(now),
        username: input.username,
        email: input.email ?? null,
        passwordHash,
        role: 'admin',
        inviteId: null,
        invitedById: null,
        now: now.toISOString(),
      });
      await recordAudit(
        trx,
        { actorId: null, action: 'user.created_admin', target: `user:${user.id}`, detail: { via: 'cli' } },
        now,
      );
      return user;
    });
  } catch (err) {
    rethrowUniqueness(err);
  }
}

/** Recovery: sets a new password (never a common one) and ends every session of the account. */
export async function resetPassword(ctx: AppContext, username: string, password: string): Promise<UserRow> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw errors.notFound('user');
  refuseCommonPassword(password, { username: user.username, emails: [user.email] }, '/password');
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const updated = await updateUser(trx, user.id, { passwordHash }, now.toISOString());
    await endSessionsOfUser(trx, user.id, now.toISOString());
    await recordAudit(
      trx,
      { actorId: null, action: 'user.password_reset', target: `user:${user.id}`, detail: { via: 'cli' } },
      now,
    );
    return updated!;
  });
}
