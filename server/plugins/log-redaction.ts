import type { FastifyRequest } from 'fastify';

/**
 * Request URLs as logged: invite codes and export download tickets in paths and every query
 * string (setup tokens, OAuth codes and state) are replaced, so logs can be shared without
 * leaking secrets.
 */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  const safePath = path
    .replace(/\/invites\/[^/]+$/, '/invites/[code]')
    .replace(/\/export\/download\/[^/]*$/, '/export/download/[ticket]');
  return query === undefined ? safePath : `${safePath}?[redacted]`;
}

/** pino serializer for requests: the method, a redacted URL and where it came from. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip };
}
