import type { Actor } from '../context.ts';

/** The part of an account the session rules look at. */
export interface SessionHolder {
  status: Actor['status'];
}

/**
 * Only an active account holds a refresh token — at sign-in and at every rotation. A disabled
 * account gets none and cannot refresh one it still has: it must sign in again, and then gets a
 * limited session. (A deleted account has no tokens left to refresh: they went with it.)
 */
export function mayIssueRefreshToken(user: SessionHolder): boolean {
  return user.status === 'active';
}

/**
 * A disabled account still signs in, so its holder can export their data or delete it, but the
 * session is limited: a short access token for the "L" actions of API.md and nothing to refresh.
 */
export function signsInLimited(user: SessionHolder): boolean {
  return !mayIssueRefreshToken(user);
}

/**
 * Disabling ends refresh tokens: a change that takes away the right to refresh revokes the tokens
 * already out there at once, so a disabled account's full sessions end when their access token does.
 */
export function changeEndsRefreshTokens(before: SessionHolder, after: SessionHolder): boolean {
  return mayIssueRefreshToken(before) && !mayIssueRefreshToken(after);
}

/** What POST /auth/resume may do with the bearer's session. */
export type ResumeDecision = 'allow' | 'account_disabled' | 'not_limited';

/**
 * A limited session becomes a full one once the account is active again: its token proves a
 * credential check of at most LIMITED_ACCESS_TOKEN_TTL ago. A full session is refused (it has a
 * refresh token, or lost it to a disable): minting sessions from a full access token would turn
 * a stolen 15-minute token into a 30-day session.
 */
export function decideResume(token: { limited: boolean }, user: SessionHolder): ResumeDecision {
  if (!mayIssueRefreshToken(user)) return 'account_disabled';
  return token.limited ? 'allow' : 'not_limited';
}
