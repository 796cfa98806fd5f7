import type { FastifyReply } from 'fastify';
import type { TokenResponse } from '../../../contract/auth.ts';
import type { AppContext } from '../../context.ts';
import { noteSignIn } from '../../lib/metrics.ts';
import { presentTokens } from '../../presenters/present-tokens.ts';
import { authMethodsOf } from '../../repositories/identities.repository.ts';
import type { IssuedTokens } from '../../services/sessions.service.ts';

/** The dashboard's refresh token: httpOnly (page scripts cannot read it), sent only to the auth routes. */
export const REFRESH_COOKIE = 'baseline_refresh';
const COOKIE_PATH = '/api/v1/auth';

/**
 * Answers a sign-in, registration, setup or refresh: with `cookie`, the refresh token is set as
 * the httpOnly cookie and left out of the body. The one place where tokens meet the reply.
 */
export async function respondWithTokens(
  ctx: AppContext,
  reply: FastifyReply,
  tokens: IssuedTokens,
  cookie: boolean,
): Promise<TokenResponse> {
  noteSignIn(reply.request, tokens.limited);
  const inCookie = cookie && tokens.refreshToken !== null && tokens.refreshTokenExpiresAt !== null;
  if (inCookie) {
    reply.setCookie(REFRESH_COOKIE, tokens.refreshToken!, {
      httpOnly: true,
      secure: ctx.config.publicUrl.startsWith('https:'),
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: new Date(tokens.refreshTokenExpiresAt!),
    });
  }
  return presentTokens(tokens, await authMethodsOf(ctx.db, tokens.user), inCookie);
}

/** Removes the refresh cookie (logout, account deleted). */
export function clearRefreshCookie(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}
