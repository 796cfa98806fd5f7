import { createHash } from 'node:crypto';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Log } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { countRateLimitHit, deleteEndedRateLimitWindows } from '../repositories/rate-limit-counters.repository.ts';
import type { Redis } from './redis.ts';

/**
 * @fastify/rate-limit's Redis script, less the options this server does not use: count the
 * request, start the window's expiry on the first, answer the count and the milliseconds left.
 * A key that lost its expiry (written by hand) gets a new one rather than limiting forever.
 */
const COUNT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}
`;

/** A Redis that takes longer than this to count is treated as down for the request. */
const REDIS_TIMEOUT_MS = 1500;
/**
 * While counting in the database, a Redis whose connection stays up (but that did not answer:
 * hung, overloaded) is asked again at most this often, so requests do not each wait for it.
 */
const REDIS_RETRY_MS = 5000;
/** Ended windows are deleted from the database at most this often per process. */
const PRUNE_EVERY_MS = 60_000;
/** How many clients' last Redis counts a process remembers, to carry them into the database. */
const REMEMBERED_KEYS = 10_000;

/** What one counted request answers to @fastify/rate-limit. */
export interface Hit {
  current: number;
  /** milliseconds left in the window */
  ttl: number;
}

/**
 * The counters of one server process with REDIS_URL: in Redis while it answers, so several
 * processes share one budget without writing to the database on every limited request; in the
 * database (rate_limit_counters) while it does not, so a Redis outage neither lifts the limits
 * (fail open) nor refuses every sign-in (fail closed) — the processes keep sharing one budget.
 * The switch is logged once each way, not per request. The count a client had in Redis is carried
 * into the database when the limit moves there mid-window: the highest count any process last saw
 * (each knows only the answers it got, so with several processes it can be a few requests behind).
 * When Redis answers again, counting goes on from what Redis holds (nothing, if it restarted empty).
 */
export class RateLimitCounters {
  private inDatabase = false;
  /** ioredis made a new connection since Redis last failed: worth asking at once */
  private reconnected = false;
  /** when (the app clock, ms) Redis may be asked again while counting in the database */
  private retryRedisAt = 0;
  private lastPruneMs = Number.NEGATIVE_INFINITY;
  /** the last count Redis gave for each key, oldest first (Map keeps insertion order) */
  private readonly lastRedisCount = new Map<string, { count: number; windowEndMs: number }>();

  constructor(private readonly deps: { redis: Redis; db: Kysely<DB>; clock: Clock; log: Log; nameSpace: string }) {
    // an outage is logged once, by hit(); without a listener ioredis prints every failed reconnect to stderr
    deps.redis.on('error', () => {});
    deps.redis.on('ready', () => (this.reconnected = true));
  }

  /** Whether this request asks Redis: always while it answers; after a failure, once it may have come back. */
  private shouldAskRedis(): boolean {
    if (!this.inDatabase) return true;
    if (this.deps.redis.status !== 'ready') return false;
    if (this.reconnected || this.deps.clock.now().getTime() >= this.retryRedisAt) {
      this.reconnected = false;
      this.retryRedisAt = this.deps.clock.now().getTime() + REDIS_RETRY_MS;
      return true;
    }
    return false;
  }

  /** Counts one request for a key (route and client) in a window of windowMs. */
  async hit(key: string, windowMs: number): Promise<Hit> {
    const { log } = this.deps;
    if (this.shouldAskRedis()) {
      try {
        const hit = await this.hitRedis(key, windowMs);
        if (this.inDatabase) {
          this.inDatabase = false;
          log.info({}, 'Redis answers again: rate limits are counted in Redis');
        }
        return hit;
      } catch (err) {
        // a hung Redis keeps its connection (status ready): next asked after REDIS_RETRY_MS or a reconnect
        this.reconnected = false;
        this.retryRedisAt = this.deps.clock.now().getTime() + REDIS_RETRY_MS;
        if (!this.inDatabase) {
          this.inDatabase = true;
          log.warn({ err }, 'Redis unavailable: rate limits are counted in the database until it answers again');
        }
      }
    }
    return this.hitDatabase(key, windowMs);
  }

  private async hitRedis(key: string, windowMs: number): Promise<Hit> {
    const { redis, clock, nameSpace } = this.deps;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer in ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
    });
    try {
      const reply = await Promise.race([redis.eval(COUNT_SCRIPT, 1, nameSpace + key, windowMs), timeout]);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error('unexpected reply from the rate-limit script');
      const hit = { current: Number(reply[0]), ttl: Number(reply[1]) };
      this.remember(key, hit.current, clock.now().getTime() + hit.ttl);
      return hit;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(key: string, count: number, windowEndMs: number): void {
    this.lastRedisCount.delete(key);
    this.lastRedisCount.set(key, { count, windowEndMs });
    if (this.lastRedisCount.size > REMEMBERED_KEYS) {
      const oldest = this.lastRedisCount.keys().next();
      if (!oldest.done) this.lastRedisCount.delete(oldest.value);
    }
  }

  private async hitDatabase(key: string, windowMs: number): Promise<Hit> {
    const { db, clock, nameSpace } = this.deps;
    const nowMs = clock.now().getTime();
    const now = new Date(nowMs).toISOString();
    const seen = this.lastRedisCount.get(key);
    this.lastRedisCount.delete(key);
    const fresh =
      seen && seen.windowEndMs > nowMs
        ? { count: seen.count + 1, windowEnd: new Date(seen.windowEndMs).toISOString() }
        : { count: 1, windowEnd: new Date(nowMs + windowMs).toISOString() };
    const digest = createHash('sha256')
      .update(nameSpace + key)
      .digest('hex');
    const row = await countRateLimitHit(db, digest, now, fresh);
    if (nowMs - this.lastPruneMs >= PRUNE_EVERY_MS) {
      this.lastPruneMs = nowMs;
      await deleteEndedRateLimitWindows(db, now);
    }
    return { current: row.count, ttl: Math.max(0, Date.parse(row.windowEnd) - nowMs) };
  }
}

/** The route a child store counts for, as @fastify/rate-limit hands it over (its types leave routeInfo out). */
function routePrefix(routeOptions: object): string {
  const info = 'routeInfo' in routeOptions ? routeOptions.routeInfo : undefined;
  if (typeof info !== 'object' || info === null) return '';
  const method = 'method' in info ? String(info.method) : '';
  const url = 'url' in info ? String(info.url) : '';
  return `${method}${url}-`;
}

/**
 * The store class @fastify/rate-limit instantiates (`store:` option), over one process's counters.
 * Keys are `<METHOD><url>-<client>` under the name space, as its own Redis store writes them, so
 * counts in Redis carry over from a server that used it.
 */
export function rateLimitStore(counters: RateLimitCounters): FastifyRateLimitStoreCtor {
  return class CountersStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: Hit) => void, timeWindow?: number): void {
      counters.hit(this.prefix + key, timeWindow ?? 60_000).then(
        (hit) => callback(null, hit),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new CountersStore({}, routePrefix(routeOptions));
    }
  };
}
