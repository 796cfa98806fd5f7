import type { IncomingHttpHeaders } from 'node:http';
import { WEB_CLIENT_HEADER, WEB_CLIENT_HEADER_VALUE } from '../../contract/web.ts';
import type { Config } from '../config.ts';
import { errors } from '../errors.ts';

/**
 * The origins the dashboard is served from: PUBLIC_URL's, and — only while PUBLIC_URL is the
 * default http://localhost:PORT — http://127.0.0.1:PORT too, since a person trying the server
 * locally may open either. Anything else (another host, a sibling subdomain) is not the dashboard.
 */
export function dashboardOrigins(config: Pick<Config, 'publicUrl' | 'port'>): ReadonlySet<string> {
  const origins = new Set([new URL(config.publicUrl).origin]);
  if (config.publicUrl === `http://localhost:${config.port}`) origins.add(`http://127.0.0.1:${config.port}`);
  return origins;
}

/**
 * True when a request carrying the refresh cookie was made by the dashboard's own scripts: the
 * custom header (a cross-site form cannot set one, and setting it from another origin needs a
 * CORS preflight we never grant) and an Origin naming the dashboard. SameSite=Strict already keeps
 * the cookie from cross-site requests; this also covers same-site ones from sibling subdomains.
 */
export function isDashboardRequest(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): boolean {
  return (
    headers[WEB_CLIENT_HEADER] === WEB_CLIENT_HEADER_VALUE &&
    typeof headers.origin === 'string' &&
    origins.has(headers.origin)
  );
}

/** Throws forbidden, before anything is read or changed, when a cookie-carrying call is not the dashboard's. */
export function assertDashboardRequest(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): void {
  if (!isDashboardRequest(headers, origins)) {
    throw errors.forbidden(
      `The refresh cookie is accepted only from the dashboard: send the header "${WEB_CLIENT_HEADER}: ${WEB_CLIENT_HEADER_VALUE}" from a page of ${[...origins].join(' or ')}.`,
    );
  }
}
