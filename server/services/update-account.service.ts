import type { AppContext, Actor } from '../context.ts';
import { errors } from '../errors.ts';
import { emailOwner, findUserById, updateUser, type UserRow } from '../repositories/users.repository.ts';
import { endSessionsOfUser } from '../repositories/sessions.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { rethrowUniqueness } from './register-account.service.ts';

export interface AccountChanges {
  email?: string | null;
  currentPassword?: string;
  newPassword?: string;
}

/**
 * PATCH /me. A new password needs the current one (when the account has one) and ends
 * every other session, so a stolen session does not outlive the password change.
 */
export async function updateAccount(ctx: AppContext, actor: Actor, changes: AccountChanges): Promise<UserRow> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw errors.unauthenticated();
  let passwordHash: string | undefined;
  if (changes.newPassword !== undefined) {
    if (user.password_hash) {
      if (changes.currentPassword === undefined) {
        throw errors.validation('Changing the password needs the current password.', [{ path: '/currentPassword', message: 'is required to set a new password' }]);
      }
      if (!(await verifyPassword(user.password_hash, changes.currentPassword))) {
        throw errors.validation('The current password is not right.', [{ path: '/currentPassword', message: 'does not match' }]);
      }
    }
    passwordHash = await hashPassword(changes.newPassword);
  }
  if (changes.email) {
    const owner = await emailOwner(ctx.db, changes.email);
    if (owner && owner !== user.id) throw errors.emailTaken();
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now().toISOString();
      const updated = await updateUser(trx, user.id, { email: changes.email, passwordHash }, now);
      if (!updated) throw errors.unauthenticated();
      if (passwordHash) await endSessionsOfUser(trx, user.id, now, actor.sessionId);
      return updated;
    });
  } catch (err) {
    rethrowUniqueness(err);
  }
}
