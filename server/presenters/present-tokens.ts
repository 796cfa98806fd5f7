import type { FastifyReply } from 'fastify';
import type { TokenResponse } from '../../contract/auth.ts';
import type { AppContext } from '../context.ts';
import type { IssuedTokens } from '../services/sessions.service.ts';
import { loadAndPresentUser } from './present-user.ts';

export const REFRESH_COOKIE = 'baseline_refresh';
const COOKIE_PATH = '/api/v1/auth';

/**
 * A TokenResponse. With `cookie`, the refresh token goes into an httpOnly cookie that page
 * scripts cannot read, and the body carries null in its place.
 */
export async function sendTokens(ctx: AppContext, reply: FastifyReply, tokens: IssuedTokens, cookie: boolean): Promise<TokenResponse> {
  let refreshToken = tokens.refreshToken;
  if (cookie && tokens.refreshToken && tokens.refreshTokenExpiresAt) {
    reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      secure: ctx.config.publicUrl.startsWith('https:'),
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: new Date(tokens.refreshTokenExpiresAt),
    });
    refreshToken = null;
  }
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    limited: tokens.limited,
    user: await loadAndPresentUser(ctx.db, tokens.user),
  };
}

export function clearRefreshCookie(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}
