import type { FastifyInstance, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';

/**
 * How long a shed client should wait (Retry-After). The load is measured once a second, so a
 * server that has caught up takes new requests a second or two later; 5 s spreads the retries.
 */
export const OVERLOAD_RETRY_AFTER_SECONDS = 5;

/** How often the event-loop delay and memory are measured (under-pressure's sampleInterval). */
const SAMPLE_INTERVAL_MS = 1000;

/**
 * How long after the server is ready nothing is shed. under-pressure starts measuring when it is
 * registered, so its first sample holds the server's own start-up (compiling every route's
 * schemas blocks the loop for a second or more on a small box) and would read as overload: the
 * first requests of every fresh process were answered 503. Two sample intervals let that sample
 * be replaced by one taken wholly after start.
 */
export const WARM_UP_MS = 2 * SAMPLE_INTERVAL_MS;

/** Apps whose warm-up has passed: tests wait on it rather than on a fixed sleep. */
const armed = new WeakSet<FastifyInstance>();

/** Whether load shedding may refuse requests yet (false during the warm-up after start, and when it is off). */
export function isLoadSheddingArmed(app: FastifyInstance): boolean {
  return armed.has(app);
}

/**
 * Probes and metrics are never shed: a load balancer must tell an overloaded process (alive, 503
 * to the API) from a dead one, and the metrics are how the operator sees the overload.
 */
const NEVER_SHED = new Set(['/healthz', '/readyz', '/metrics']);

/** The words of a warning for each measure under-pressure names. */
const WHAT: Record<string, string> = {
  eventLoopDelay: 'event-loop delay (ms)',
  rssBytes: 'resident memory (bytes)',
};

/**
 * Sheds load under overload (issue 14): while the event loop's mean delay over the last second is
 * above OVERLOAD_EVENT_LOOP_DELAY ms, or resident memory above OVERLOAD_MEMORY_MB, every request
 * but the probes and /metrics is answered at once with 503 service_unavailable and Retry-After,
 * rather than queueing behind the others until all of them time out. @fastify/under-pressure does
 * the measuring (monitorEventLoopDelay, process.memoryUsage, once per SAMPLE_INTERVAL_MS), so one
 * blocked moment shorter than the threshold never sheds: the mean over a second must exceed it.
 * It runs on onRequest, before rate limits, authentication and any database work. One warning when
 * shedding starts and one line when it ends, not a line per refused request.
 */
export async function registerLoadShedding(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { maxEventLoopDelayMs, maxRssBytes } = ctx.config.overload;
  if (maxEventLoopDelayMs === 0 && maxRssBytes === 0) return;
  let shedSince: number | undefined;
  let shed = 0;
  app.addHook('onReady', async () => {
    setTimeout(() => armed.add(app), WARM_UP_MS).unref();
  });

  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxRssBytes,
    sampleInterval: SAMPLE_INTERVAL_MS,
    retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    pressureHandler: async (req: FastifyRequest, _reply, type, value) => {
      if (NEVER_SHED.has(req.routeOptions.url ?? '') || !armed.has(app)) return;
      shed++;
      if (shedSince === undefined) {
        shedSince = Date.now();
        const limit = type === 'rssBytes' ? maxRssBytes : maxEventLoopDelayMs;
        ctx.log.warn(
          { overload: type, value: Math.round(value ?? 0), limit },
          'overloaded: %s is %d, over the limit of %d; answering requests 503 until it falls',
          WHAT[type] ?? type,
          Math.round(value ?? 0),
          limit,
        );
      }
      throw errors.overloaded(OVERLOAD_RETRY_AFTER_SECONDS);
    },
  });

  // after under-pressure's own hook: a request reaching here while the measures are back to normal ends the episode
  app.addHook('onRequest', async () => {
    if (shedSince === undefined || app.isUnderPressure()) return;
    ctx.log.info(
      { shed, durationMs: Date.now() - shedSince },
      'load back to normal: %d requests were answered 503 while overloaded',
      shed,
    );
    shedSince = undefined;
    shed = 0;
  });
}
