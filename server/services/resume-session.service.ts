import type { Actor, AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { decideResume } from '../policies/session.policy.ts';
import { endSessionOfUser, findSessionSignIn } from '../repositories/sessions.repository.ts';
import { findUserByIdForUpdate } from '../repositories/users.repository.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

/**
 * POST /auth/resume: a person who signed in while their account was disabled, and whose account
 * an admin has enabled since, continues without signing in again. In one transaction the limited
 * session ends — conditionally, so of two resumes with one token only one wins, and the token
 * stops working — and a full session begins for the same account, with the limited one's sign-in
 * method and time (it continues that sign-in), the refresh token a login would give, and the
 * caller's user agent. Refused, with nothing changed: account_disabled while the account is still
 * disabled, forbidden for a full session's token, unauthenticated once the session has ended.
 */
export async function resumeSession(
  ctx: AppContext,
  caller: Pick<Actor, 'id' | 'sessionId' | 'limitedToken'>,
  userAgent: string | undefined,
): Promise<IssuedTokens> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    // locked: a disable committing at the same moment waits for this transaction, or is seen by it
    const user = await findUserByIdForUpdate(trx, caller.id, ctx.dialect);
    if (!user) throw errors.unauthenticated('This account no longer exists.');
    const decision = decideResume({ limited: caller.limitedToken }, user);
    if (decision === 'account_disabled') throw errors.accountDisabled();
    if (decision === 'not_limited')
      throw errors.forbidden('Only a limited session can be resumed; this one refreshes its tokens instead.');
    const begun = await findSessionSignIn(trx, caller.sessionId);
    if (!begun || !(await endSessionOfUser(trx, caller.id, caller.sessionId, now)))
      throw errors.unauthenticated('This session has ended.');
    return startSession(ctx, trx, user, userAgent, begun.sign_in_method, { signedInAt: begun.signed_in_at });
  });
}
