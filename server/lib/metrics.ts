import type { FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** How a sign-in ended, as the `result` label of baseline_sign_ins_total. */
export type SignInResult = 'success' | 'limited' | 'failure' | 'invalid' | 'rate_limited' | 'error';

/**
 * Node's process metrics (CPU, memory, event-loop delay, GC, handles) are the process's, not an
 * app's: collected once per process into a registry of their own, and merged into each scrape.
 * collectDefaultMetrics starts timers and observers that are never stopped, so calling it once
 * per app (tests build hundreds) would pile them up.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Sign-ins answered with tokens, noted by the one place tokens meet the reply (respondWithTokens). */
const signedIn = new WeakMap<FastifyRequest, 'success' | 'limited'>();

/**
 * Notes that this request signed someone in, limited (a disabled account) or not; the metrics
 * plugin reads it when the response has gone, so the sign-in counter tells the two apart.
 */
export function noteSignIn(request: FastifyRequest, limited: boolean): void {
  signedIn.set(request, limited ? 'limited' : 'success');
}

/** What noteSignIn recorded for this request, if anything. */
export function signInNoted(request: FastifyRequest): 'success' | 'limited' | undefined {
  return signedIn.get(request);
}

/** Why a query failed, bounded to a few values so it can be a label. */
function queryErrorReason(err: unknown): 'unavailable' | 'constraint' | 'other' {
  if (isDatabaseUnavailable(err)) return 'unavailable';
  const code = (err as { code?: unknown } | null)?.code;
  // SQLite's SQLITE_CONSTRAINT_*; PostgreSQL's class 23 (integrity constraint violation)
  if (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('23'))) return 'constraint';
  return 'other';
}

/**
 * The Prometheus metrics of one app (issue 14). Each app has its own registry, so two apps in
 * one process (the tests) count separately and never collide on a metric name; the process's
 * own metrics are shared (processMetrics). Services count through the fields here, one line per
 * event; the metrics plugin counts what it can see from the outside (durations, 429s, sign-ins).
 * Labels are bounded: route patterns, methods, results, never a raw URL, id or code.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'baseline_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (never the raw URL), method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** the histogram's child per (method, route, status): prom-client hashes the labels on every observe otherwise */
  private readonly durationChildren = new Map<string, { observe(seconds: number): void }>();

  /**
   * Records one answered request. Called on every response: the labelled child is looked up by a
   * plain string key rather than built from the labels object each time, which cost as much as a
   * tenth of a small request's whole time (GET /me, measured with `npm run bench -- --only me`).
   */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.durationChildren.get(key);
    if (!child) {
      child = this.requestDuration.labels({ method, route, status_code: String(status) });
      this.durationChildren.set(key, child);
    }
    child.observe(seconds);
  }

  readonly signIns = new Counter({
    name: 'baseline_sign_ins_total',
    help: 'Sign-in attempts by method (password, google, apple, google_web, refresh, register, setup, resume) and result',
    labelNames: ['method', 'result'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'baseline_rate_limited_total',
    help: 'Requests refused with 429 rate_limited, by route pattern (per-address limits and per-account lockout)',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly inviteRedemptions = new Counter({
    name: 'baseline_invite_redemptions_total',
    help: 'Invite uses counted by a registration that committed, by sign-up method',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  readonly exportBytes = new Counter({
    name: 'baseline_export_bytes_total',
    help: 'Bytes of data exports sent whole to their client, by format',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });

  readonly exports = new Counter({
    name: 'baseline_exports_total',
    help: 'Data exports sent whole to their client, by format',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });

  readonly queryErrors = new Counter({
    name: 'baseline_db_query_errors_total',
    help: 'Database queries that failed: unavailable (connection gone, busy), constraint (a uniqueness race), other',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly #unsubscribe: () => void;

  constructor(database: Database) {
    const pool = database.poolStats;
    if (pool) {
      // PostgreSQL only: SQLite has one connection (and one for prepared reads), no pool to watch
      new Gauge({
        name: 'baseline_db_pool_connections',
        help: 'PostgreSQL pool connections: total open, and idle among them',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const stats = pool();
          this.set({ state: 'total' }, stats.total);
          this.set({ state: 'idle' }, stats.idle);
        },
      });
      new Gauge({
        name: 'baseline_db_pool_waiting',
        help: 'Queries waiting for a free PostgreSQL pool connection',
        registers: [this.registry],
        collect() {
          this.set(pool().waiting);
        },
      });
    }
    this.#unsubscribe = database.onQueryError((err) => this.queryErrors.inc({ reason: queryErrorReason(err) }));
  }

  /** The text a Prometheus server scrapes: this app's metrics and the process's. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: this.registry.contentType, body: await merged.metrics() };
  }

  /** Stops counting the database's query errors (the app is closing). */
  close(): void {
    this.#unsubscribe();
  }
}
