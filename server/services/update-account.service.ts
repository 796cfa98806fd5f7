import type { AppContext, Actor } from '../context.ts';
import { errors } from '../errors.ts';
import {
  authorizeReauthentication,
  proofRequired,
  recentSignIn,
  type ProofGiven,
  type SensitiveChange,
} from '../policies/reauthentication.policy.ts';
import { emailOwner, findUserById, updateUser, type UserRow } from '../repositories/users.repository.ts';
import { endSessionsOfUser, findSessionSignIn } from '../repositories/sessions.repository.ts';
import { refuseCommonPassword } from '../lib/common-passwords.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { rethrowUniqueness } from './register-account.service.ts';

export interface AccountChanges {
  email?: string | null;
  currentPassword?: string;
  newPassword?: string;
}

/**
 * PATCH /me. A new password and a new email each need the proof reauthentication.policy.ts asks
 * for (the current password when the account has one; for a new email without one, a recent
 * Google or Apple sign-in), checked before anything else is looked up. A new password must not
 * be a common one, and it ends every other session, so a stolen session does not outlive it.
 */
export async function updateAccount(ctx: AppContext, actor: Actor, changes: AccountChanges): Promise<UserRow> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw errors.unauthenticated();
  const emailChanges = changes.email !== undefined && changes.email !== user.email;
  if (changes.newPassword !== undefined) {
    const emails = [user.email, emailChanges ? changes.email : null];
    refuseCommonPassword(changes.newPassword, { username: user.username, emails }, '/newPassword');
  }
  const sensitive: SensitiveChange[] = [];
  if (changes.newPassword !== undefined) sensitive.push('me:change-password');
  if (emailChanges) sensitive.push('me:change-email');
  await proveIdentity(ctx, actor, user, sensitive, changes.currentPassword);

  const passwordHash = changes.newPassword === undefined ? undefined : await hashPassword(changes.newPassword);
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

/**
 * Asks the policy, change by change, for the proof each needs and checks it; the current
 * password is verified at most once (argon2), however many changes ask for it.
 */
async function proveIdentity(
  ctx: AppContext,
  actor: Actor,
  user: UserRow,
  changes: SensitiveChange[],
  currentPassword: string | undefined,
): Promise<void> {
  let password: Promise<ProofGiven> | undefined;
  for (const change of changes) {
    const proof = proofRequired(change, { hasPassword: Boolean(user.password_hash) });
    let given = NOTHING_SENT;
    if (proof === 'password') given = await (password ??= checkCurrentPassword(user, currentPassword));
    if (proof === 'recent_sign_in') given = await checkSessionStart(ctx, actor);
    authorizeReauthentication(change, proof, given);
  }
}

/** Checks the current password sent, if any, against the account's; the policy judges the result. */
async function checkCurrentPassword(user: UserRow, currentPassword: string | undefined): Promise<ProofGiven> {
  if (currentPassword === undefined) return NOTHING_SENT;
  return { given: true, matches: await verifyPassword(user.password_hash, currentPassword) };
}

/** How and when the caller's session began; the policy says whether that is a recent provider sign-in. */
async function checkSessionStart(ctx: AppContext, actor: Actor): Promise<ProofGiven> {
  const session = await findSessionSignIn(ctx.db, actor.sessionId);
  if (!session) return NOTHING_SENT;
  return recentSignIn({ method: session.sign_in_method, at: new Date(session.signed_in_at) }, ctx.clock.now());
}
