import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createAppContext, type AppContext } from './context.ts';
import type { Database } from './db/database.ts';
import { registerAuth, requireRouteAccess } from './plugins/auth.plugin.ts';
import { answerFrameworkError, registerErrorHandling } from './plugins/errors.plugin.ts';
import { registerJsonBody } from './plugins/json-body.plugin.ts';
import { registerOpenApi } from './plugins/openapi.plugin.ts';
import { serializeRequest } from './plugins/log-redaction.ts';
import { registerRateLimits } from './plugins/rate-limit.plugin.ts';
import { registerLoadShedding } from './plugins/load-shedding.plugin.ts';
import { registerMetrics } from './plugins/metrics.plugin.ts';
import { logDestination } from './plugins/log-output.ts';
import { registerRequestIds, requestIdGenerator, requestScopedLog } from './plugins/request-id.ts';
import { openRedis } from './lib/redis.ts';
import { registerSecurityHeaders } from './plugins/security-headers.plugin.ts';
import { registerValidation } from './plugins/validation.plugin.ts';
import { DEFAULT_WEB_ROOT, webPlugin } from './plugins/web.plugin.ts';
import { auditRoutes } from './routes/admin-audit/audit.routes.ts';
import { adminInviteRoutes } from './routes/admin-invites/admin-invites.routes.ts';
import { adminUserRoutes } from './routes/admin-users/admin-users.routes.ts';
import { authRoutes } from './routes/auth/auth.routes.ts';
import { inviteCheckRoutes } from './routes/invites/invites.routes.ts';
import { providerRoutes } from './routes/auth/providers.routes.ts';
import { identityRoutes } from './routes/me/identities.routes.ts';
import { meRoutes } from './routes/me/me.routes.ts';
import { exportRoutes } from './routes/me/export.routes.ts';
import { healthDataRoutes } from './routes/health/health.routes.ts';
import { appleAppSiteAssociationRoutes } from './routes/public/apple-app-site-association.routes.ts';
import { healthRoutes, serverRoutes } from './routes/public/server.routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /**
   * Where production's logger writes instead of stdout: same level, redaction and serializers,
   * only the destination differs (the test harness writes every app's log into a file, to grep it for secrets).
   */
  logStream?: { write(line: string): void };
  /** the built dashboard (index.html, assets/…); web/dist of this repository unless given */
  webRoot?: string;
  /** more routes under /api/v1, after the API's own: how tests add a route the start-up access check must judge */
  extraApiRoutes?: FastifyPluginAsync;
}

/** Paths and headers that must never reach the logs. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/**
 * Builds the whole server without listening, so tests build exactly what production runs.
 * The database must already be migrated (main.ts and the test helpers do it).
 */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  // readable lines on a terminal, JSON elsewhere (LOG_FORMAT overrides); a test's stream wins
  const stream = options.logger === undefined ? (options.logStream ?? logDestination(config.logFormat)) : undefined;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: REDACT,
      serializers: { req: serializeRequest },
      ...(stream ? { stream } : {}),
    },
    // random ids, unique across processes; X-Request-Id accepted from a trusted proxy only
    genReqId: requestIdGenerator(config.trustProxy),
    // a number means "this many proxies in front": trust that many hops of X-Forwarded-For
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    // a URL that does not decode, a path parameter over 100 characters: problem documents too
    frameworkErrors: answerFrameworkError,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // first, so that no plugin's route escapes it: every route declares its access or the start fails
  requireRouteAccess(app);
  registerRequestIds(app);
  const redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  const ctx = await createAppContext({ config, database, clock, log: requestScopedLog(app.log), redis });

  registerValidation(app);
  registerJsonBody(app);
  registerErrorHandling(app);
  await registerSecurityHeaders(app, config);
  await app.register(cookie);
  await registerLoadShedding(app, ctx);
  await registerRateLimits(app, ctx);
  await registerMetrics(app, ctx);
  await registerOpenApi(app);
  registerAuth(app, ctx);

  await app.register(healthRoutes(ctx));
  await app.register(appleAppSiteAssociationRoutes(ctx));
  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true }, config: { action: 'public' } }, async () => app.swagger());
      await api.register(serverRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(meRoutes(ctx));
      await api.register(exportRoutes(ctx));
      await api.register(healthDataRoutes(ctx));
      await api.register(inviteCheckRoutes(ctx));
      await api.register(adminInviteRoutes(ctx));
      await api.register(adminUserRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(providerRoutes(ctx));
      await api.register(identityRoutes(ctx));
      if (options.extraApiRoutes) await api.register(options.extraApiRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(webPlugin, { root: options.webRoot ?? DEFAULT_WEB_ROOT });
  await app.ready();
  return { app, ctx };
}
