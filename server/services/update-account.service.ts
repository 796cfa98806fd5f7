import type { AppContext, Actor } from '../context.ts';
import { errors } from '../errors.ts';
import { authorizeReauthentication, proofRequired, type ProofGiven } from '../policies/reauthentication.policy.ts';
import { emailOwner, findUserById, updateUser, type UserRow } from '../repositories/users.repository.ts';
import { endSessionsOfUser } from '../repositories/sessions.repository.ts';
import { refuseCommonPassword } from '../lib/common-passwords.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { rethrowUniqueness } from './register-account.service.ts';

export interface AccountChanges {
  email?: string | null;
  currentPassword?: string;
  newPassword?: string;
}

/**
 * PATCH /me. A new password may not be a common one, needs the proof reauthentication.policy.ts
 * asks for (the current password, when the account has one) and ends every other session, so a
 * stolen session does not outlive the password change.
 */
export async function updateAccount(ctx: AppContext, actor: Actor, changes: AccountChanges): Promise<UserRow> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw errors.unauthenticated();
  let passwordHash: string | undefined;
  if (changes.newPassword !== undefined) {
    const emails = [user.email, changes.email];
    refuseCommonPassword(changes.newPassword, { username: user.username, emails }, '/newPassword');
    const proof = proofRequired('me:change-password', { hasPassword: Boolean(user.password_hash) });
    authorizeReauthentication(
      'me:change-password',
      proof,
      proof === 'none' ? NOTHING_SENT : await checkCurrentPassword(user, changes.currentPassword),
    );
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

const NOTHING_SENT: ProofGiven = { given: false, matches: false };

/** Checks the current password sent, if any, against the account's; the policy judges the result. */
async function checkCurrentPassword(user: UserRow, currentPassword: string | undefined): Promise<ProofGiven> {
  if (currentPassword === undefined) return NOTHING_SENT;
  return { given: true, matches: await verifyPassword(user.password_hash, currentPassword) };
}
