import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { RateLimitCounters, rateLimitStore } from '../lib/rate-limit-store.ts';

const NAME_SPACE = 'baseline-rl:';

/**
 * Per-route limits (each route sets config.rateLimit). With REDIS_URL the counters live in
 * Redis, so several server processes share one budget per client; while Redis does not answer
 * they live in the database, which those processes share too (lib/rate-limit-store.ts), so an
 * outage neither lifts the limits nor refuses everyone. Without REDIS_URL each process counts in
 * its own memory.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (!ctx.config.rateLimits) {
    app.log.warn(
      'RATE_LIMITS=off: login, registration and invite checks are not rate limited (benchmarks and tests only)',
    );
    return;
  }
  const redis = ctx.redis;
  const counters = redis
    ? new RateLimitCounters({ redis, db: ctx.db, clock: ctx.clock, log: ctx.log, nameSpace: NAME_SPACE })
    : undefined;
  await app.register(rateLimit, {
    global: false,
    ...(counters ? { store: rateLimitStore(counters) } : {}),
    // an error of the store itself (Redis and the database both down) fails the request: never open
    skipOnError: false,
    errorResponseBuilder: (_request, context) => errors.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}

/** Limits for the endpoints an attacker would hammer. */
export const limits = {
  login: { max: 10, timeWindow: '1 minute' },
  register: { max: 20, timeWindow: '1 minute' },
  refresh: { max: 60, timeWindow: '1 minute' },
  setup: { max: 10, timeWindow: '1 minute' },
  inviteCheck: { max: 30, timeWindow: '1 minute' },
  /** each link is a whole export of someone's data: a stolen access token must not turn into a stream of them */
  exportLink: { max: 10, timeWindow: '1 minute' },
};
