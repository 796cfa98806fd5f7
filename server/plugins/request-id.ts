import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Log } from '../context.ts';

/** The header a trusted proxy sends its request id in, and the one every response carries it back in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id from outside is kept only when it is this: 1–128 visible ASCII characters, no spaces. */
const SANE_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Whether the immediate peer is a proxy we trust, with the meaning TRUST_PROXY has for Fastify
 * in app.ts (and for the client address): true trusts every peer; a number N trusts N hops, so
 * the peer itself when N ≥ 1; a list trusts those addresses and subnets (proxy-addr's compile,
 * as Fastify does).
 */
export function trustsPeer(trustProxy: Config['trustProxy']): (address: string) => boolean {
  if (trustProxy === true) return () => true;
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return () => trustProxy >= 1;
  const trust = proxyAddr.compile(trustProxy);
  return (address) => trust(address, 0);
}

/**
 * Fastify's genReqId: every request gets a random id (a UUID), unique across processes and
 * restarts, unlike Fastify's default counter, so the logs of several processes can be merged
 * and searched by id. A proxy we trust may send its own (X-Request-Id) so its log and ours
 * share one id; from anyone else, or when it is not a sane token, the header is ignored.
 */
export function requestIdGenerator(trustProxy: Config['trustProxy']): (req: IncomingMessage) => string {
  const trusted = trustsPeer(trustProxy);
  return (req) => {
    const given = req.headers[REQUEST_ID_HEADER];
    if (typeof given === 'string' && SANE_ID.test(given) && trusted(req.socket?.remoteAddress ?? '')) return given;
    return randomUUID();
  };
}

/** The RFC 9457 `instance` of a problem answered to the request with this id: `urn:request:<id>`. */
export function problemInstance(requestId: string): string {
  return `urn:request:${encodeURIComponent(requestId)}`;
}

/** The logger of the request being served, for code that logs through the app context. */
const currentLog = new AsyncLocalStorage<FastifyBaseLogger>();

/**
 * A Log for the app context that writes through the logger of the request being served (which
 * carries its reqId), and through the app's own outside a request (start-up, timers). Services
 * log through ctx.log; this way their lines carry the request id too.
 */
export function requestScopedLog(base: FastifyBaseLogger): Log {
  const log = () => currentLog.getStore() ?? base;
  return {
    info: (obj, msg, ...args) => log().info(obj, msg, ...args),
    warn: (obj, msg, ...args) => log().warn(obj, msg, ...args),
    error: (obj, msg, ...args) => log().error(obj, msg, ...args),
  };
}

/**
 * Echoes the request id in the `X-Request-Id` response header of every answer (errors.plugin.ts
 * sets it too, for the failures that come before any hook), and runs the rest of the request
 * with its logger in reach of requestScopedLog.
 */
export function registerRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    currentLog.run(request.log, done);
  });
}
