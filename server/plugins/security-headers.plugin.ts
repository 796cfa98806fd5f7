import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

/**
 * The dashboard's Content-Security-Policy. Everything comes from this server: scripts only from
 * files (no inline script, no eval), styles from files plus inline because Mantine injects a
 * <style> tag of CSS variables at run time, images also as data:/blob: URLs (QR codes, charts).
 * The Google sign-in is a top-level navigation to /api/v1/auth/google/authorize, which CSP does
 * not restrict, so no Google origin is listed. Sent on every response, not only on HTML: a JSON
 * document or an SVG opened in a tab then runs under the same policy.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** One year, in seconds: browsers remember to use https only when PUBLIC_URL is https. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * The security headers, as helmet writes them for these options (configured explicitly rather
 * than by its defaults): the CSP above; no referrer at all, because invite codes and setup tokens
 * travel in URLs; nosniff; no framing; HSTS only when PUBLIC_URL is https (on plain http it would
 * be ignored, and sent to a LAN address it would lock a later http deployment out). Nothing in
 * them depends on the request (no nonces), so helmet runs once, here, against a response that
 * only records what it is told, and every response gets the recorded set.
 */
export function securityHeadersOf(config: Pick<Config, 'publicUrl'>): Readonly<Record<string, string>> {
  const https = new URL(config.publicUrl).protocol === 'https:';
  const options: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // would require every sub-resource to opt in; nothing here embeds cross-origin content anyway
    crossOriginEmbedderPolicy: false,
  };
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

/**
 * Security headers on every response (securityHeadersOf), set by one synchronous hook rather than
 * by running helmet on each request. Every /api/ answer is `Cache-Control: no-store`, set as it is
 * sent so no handler can loosen it: they carry tokens or personal data, which no cache may keep.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): Promise<void> {
  const headers = securityHeadersOf(config);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
