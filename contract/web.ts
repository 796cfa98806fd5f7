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
