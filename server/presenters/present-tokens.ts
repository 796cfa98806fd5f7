import type { TokenResponse } from '../../contract/auth.ts';
import type { IssuedTokens } from '../services/sessions.service.ts';
import { presentUser } from './present-user.ts';

/**
 * A TokenResponse. When the refresh token travels in the httpOnly cookie (the dashboard), the
 * body carries null in its place, so page scripts never see it.
 */
export function presentTokens(
  tokens: IssuedTokens,
  authMethods: string[],
  refreshTokenInCookie: boolean,
): TokenResponse {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshToken: refreshTokenInCookie ? null : tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    limited: tokens.limited,
    user: presentUser(tokens.user, authMethods),
  };
}
