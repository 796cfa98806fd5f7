import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { constantTimeEqual } from '../lib/crypto.ts';
import { signInNoted, type Metrics, type SignInResult } from '../lib/metrics.ts';
import { errors } from '../errors.ts';
import { registerErrorHandling, sendProblem } from './errors.plugin.ts';
import { registerRequestIds, requestIdGenerator } from './request-id.ts';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/**
 * The routes that sign someone in (method and route pattern), with the `method` label each
 * counts under. Their outcome is read from the response: tokens sent (success, or limited for a
 * disabled account), 429, 400, 5xx, or any other refusal (failure). The dashboard's Google
 * callback answers every outcome with a redirect: it counts its sign-ins here and its failures
 * where they are decided (google-web-flow.service.ts).
 */
const SIGN_IN_ROUTES: Record<string, string> = {
  'POST /api/v1/auth/login': 'password',
  'POST /api/v1/auth/google': 'google',
  'POST /api/v1/auth/apple': 'apple',
  'POST /api/v1/auth/refresh': 'refresh',
  'POST /api/v1/auth/register': 'register',
  'POST /api/v1/auth/resume': 'resume',
  'POST /api/v1/setup': 'setup',
  'GET /api/v1/auth/google/callback': 'google_web',
};

function signInResult(request: FastifyRequest, status: number): SignInResult | undefined {
  const noted = signInNoted(request);
  if (noted) return noted;
  if (status === 429) return 'rate_limited';
  if (status === 400) return 'invalid';
  if (status >= 500) return 'error';
  // a redirect without tokens: the callback's failures are counted where they are decided
  if (status >= 300 && status < 400) return undefined;
  return 'failure';
}

/** Counts what every response shows: its duration by route pattern, a 429, a sign-in's outcome. */
function observe(metrics: Metrics, request: FastifyRequest, reply: FastifyReply): void {
  // the pattern (/api/v1/admin/users/:id), never the URL: ids and invite codes must not become labels
  const route = request.routeOptions.url ?? 'unmatched';
  const status = reply.statusCode;
  metrics.observeRequest(request.method, route, status, reply.elapsedTime / 1000);
  if (status === 429) metrics.rateLimited.inc({ route });
  const method = SIGN_IN_ROUTES[`${request.method} ${route}`];
  const result = method ? signInResult(request, status) : undefined;
  if (method && result) metrics.signIns.inc({ method, result });
}

/** Adds GET /metrics to `app`: the scrape, behind METRICS_TOKEN when it is set. */
function addScrapeRoute(app: FastifyInstance, ctx: AppContext): void {
  const token = ctx.config.metricsToken;
  app.get(
    METRICS_PATH,
    // public to the access policy: its own bearer token (METRICS_TOKEN) guards it, not an account's
    { schema: { hide: true }, config: { action: 'public' }, exposeHeadRoute: false },
    async (request, reply) => {
      if (token !== undefined) {
        const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
        if (!match || !constantTimeEqual(match[1], token)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          return sendProblem(reply, errors.unauthenticated('The metrics need the bearer token METRICS_TOKEN.'));
        }
      }
      const { contentType, body } = await ctx.metrics.scrape();
      return reply.header('cache-control', 'no-store').type(contentType).send(body);
    },
  );
}

/**
 * METRICS_PORT: a second listener, on the same HOST, that serves /metrics and nothing else (404
 * problem documents for the rest), so the public port never shows it. A small Fastify of its own,
 * writing to the app's log, with the same request ids and problem documents. Started once the
 * app listens (onListen: tests that only inject open no port), closed with the app. A port that
 * cannot be had is an error in the log, not a failed start: the API keeps serving.
 */
function serveOnOwnPort(app: FastifyInstance, ctx: AppContext, port: number): void {
  const side = Fastify({ loggerInstance: app.log, genReqId: requestIdGenerator(ctx.config.trustProxy) });
  registerRequestIds(side);
  registerErrorHandling(side);
  addScrapeRoute(side, ctx);
  app.addHook('onListen', async () => {
    try {
      await side.listen({ port, host: ctx.config.host });
      app.log.info({ port }, `metrics served on port ${port} (METRICS_PORT)`);
    } catch (err) {
      // Fastify logs an onListen failure and serves on: say plainly what is missing and why
      app.log.error({ err, port }, `METRICS_PORT ${port}: cannot listen there, so /metrics is not served`);
    }
  });
  app.addHook('onClose', async () => {
    await side.close();
  });
}

/**
 * Prometheus metrics at /metrics (issue 14): request durations, sign-ins, 429s, invite uses,
 * export bytes, database pool and query errors (lib/metrics.ts names them all), and the
 * process's own. Open when METRICS_TOKEN is unset: meant for a private network then.
 */
export async function registerMetrics(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onResponse', async (request, reply) => observe(ctx.metrics, request, reply));
  app.addHook('onClose', async () => ctx.metrics.close());
  if (ctx.config.metricsPort === undefined) addScrapeRoute(app, ctx);
  else serveOnOwnPort(app, ctx, ctx.config.metricsPort);
}
