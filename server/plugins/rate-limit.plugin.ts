import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';

/**
 * Per-route limits (each route sets config.rateLimit). With REDIS_URL the counters live in
 * Redis, so several server processes share one budget per client.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (!ctx.config.rateLimits) {
    app.log.warn(
      'RATE_LIMITS=off: login, registration and invite checks are not rate limited (benchmarks and tests only)',
    );
    return;
  }
  const redis = ctx.redis;
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: 'baseline-rl:',
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
