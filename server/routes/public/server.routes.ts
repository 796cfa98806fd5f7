import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ServerInfo, SetupBody, TokenResponse } from '../../../contract/auth.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { checkDatabase, checkRedis, watchRedisErrors, type CheckResult } from '../../lib/readiness.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { respondWithTokens } from '../auth/refresh-cookie.ts';
import { countUsers } from '../../repositories/users.repository.ts';
import { runSetup } from '../../services/setup.service.ts';
import { VERSION } from '../../version.ts';

/** What a client needs before signing in, and first-admin setup. */
export function serverRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/server',
      {
        schema: {
          tags: ['public'],
          summary: 'What a client needs before signing in: invites, setup, providers, version',
          response: { 200: ServerInfo },
        },
        config: { action: 'public' },
      },
      async () => ({
        requireInvite: ctx.config.requireInvite,
        setupRequired: (await countUsers(ctx.db)) === 0,
        providers: {
          password: true as const,
          google: ctx.config.google.clientIds.length > 0,
          apple: ctx.config.apple.clientIds.length > 0,
        },
        version: VERSION,
      }),
    );

    app.post(
      '/setup',
      {
        schema: {
          tags: ['public'],
          summary: 'Create the first account, an admin, with the one-time setup token',
          body: SetupBody,
          response: { 201: TokenResponse },
        },
        config: {
          action: 'public',
          rateLimit: limits.setup,
          problems: ['forbidden', 'setup_done', 'password_too_common'],
        },
      },
      async (req, reply) => {
        const { cookie, ...input } = req.body;
        const tokens = await runSetup(ctx, input, req.headers['user-agent']);
        return reply.code(201).send(await respondWithTokens(ctx, reply, tokens, cookie === true));
      },
    );
  };
}

/**
 * Liveness and readiness probes, outside /api/v1, never shed under overload (load-shedding.plugin.ts).
 * /healthz: the process answers (restart it if not). /readyz: it can serve, i.e. the database answers
 * within CHECK_TIMEOUT_MS; otherwise 503 not_ready with each check's reason. Redis (REDIS_URL) is
 * checked and reported, but a Redis that is down does not make the process unready: rate limits then
 * count in the database, and Redis is shared, so failing every process's probe at once would take
 * the whole service out of the load balancer for an outage it can serve through.
 */
export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const probe = { schema: { hide: true }, config: { action: 'public' as const } };
    if (ctx.redis) watchRedisErrors(ctx.redis);
    app.get('/healthz', probe, async () => ({ status: 'ok' }));
    app.get('/readyz', probe, async (req) => {
      const [database, redis] = await Promise.all([
        checkDatabase(ctx.db),
        ctx.redis ? checkRedis(ctx.redis) : undefined,
      ]);
      const checks: Record<string, CheckResult> = redis ? { database, redis } : { database };
      if (redis && !redis.ok) req.log.warn({ redis: redis.reason }, 'readiness: Redis does not answer');
      if (!database.ok) {
        req.log.warn({ database: database.reason }, 'readiness: the database does not answer');
        throw errors.notReady(database.reason, checks);
      }
      return { status: 'ok', checks };
    });
  };
}
