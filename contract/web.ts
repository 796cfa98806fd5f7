/**
 * What the server and the web dashboard must agree on, kept in one place so that neither can
 * drift: the paths the dashboard owns (the server answers them with index.html, and nothing
 * else), and the header that proves a cookie-carrying request came from the dashboard's own
 * scripts (a cross-site form or a sibling subdomain cannot set it).
 */

/** Exact dashboard paths, plus prefixes (ending in `/`) whose every sub-path is the dashboard's. */
export const DASHBOARD_PATHS: readonly string[] = [
  '/',
  '/login',
  '/register',
  '/setup',
  '/disabled',
  '/check-ins',
  '/interventions',
  '/observations',
  '/lab-results',
  '/health-records',
  '/integrations',
  '/settings',
  '/settings/',
];

/** True when the dashboard renders this path (query string excluded). */
export function isDashboardPath(path: string): boolean {
  return DASHBOARD_PATHS.some((p) => (p.endsWith('/') && p !== '/' ? path.startsWith(p) : path === p));
}

/** Header the dashboard sends with cookie-based refresh and logout; its value must be `web`. */
export const WEB_CLIENT_HEADER = 'x-baseline-client';
export const WEB_CLIENT_HEADER_VALUE = 'web';

/**
 * Keeps a return path inside the dashboard: a relative path of this site, never "//host", a
 * backslash that browsers read as a slash, a URL, or control characters (a header or log
 * injection in a redirect). The server's Google flow and the dashboard's sign-in pages both
 * use this one rule.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  // control characters are exactly what this refuses
  // eslint-disable-next-line no-control-regex
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  const base = 'http://dashboard.invalid';
  try {
    const url = new URL(raw, base);
    return url.origin === base ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}
