import type { Session } from '@client';

/**
 * The Google web flow hands a disabled account its limited access token in the URL fragment
 * (it has no refresh token to set as a cookie). Take it, then clear the fragment at once so
 * it stays out of history and bookmarks.
 */
export function takeFragmentToken(session: Session): boolean {
  if (!window.location.hash.includes('accessToken=')) return false;
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('accessToken');
  const expiresAt = params.get('accessTokenExpiresAt');
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (!token || !expiresAt) return false;
  session.acceptLimited(token, expiresAt);
  return true;
}
