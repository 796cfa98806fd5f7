import { Redis } from 'ioredis';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import type { AppContext } from '../../server/context.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { freePort } from '../helpers/ports.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { body, testConfig } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/** the two log lines of the switch, and their pino levels (a warning one way, info the other) */
const FALLBACK = {
  level: 40,
  msg: 'Redis unavailable: rate limits are counted in the database until it answers again',
};
const BACK = { level: 30, msg: 'Redis answers again: rate limits are counted in Redis' };

/** The real app with REDIS_URL and rate limits on, whose log lines the test reads. */
async function appWithLogs(database: TestDatabase, redisUrl: string, clock?: Clock) {
  const lines: { msg?: string; level?: number }[] = [];
  const config = {
    ...testConfig({ RATE_LIMITS: 'on', REDIS_URL: redisUrl, LOG_LEVEL: 'info' }),
    databaseUrl: database.url,
  };
  const { app, ctx } = await buildApp({
    config,
    database: database.database,
    clock,
    // production's logger (level, redaction, serializers), its lines kept here
    logStream: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  const said = (line: typeof FALLBACK) => lines.filter((l) => l.msg === line.msg && l.level === line.level).length;
  return { app, ctx, said };
}

let n = 0;
/** A sign-in to another unknown account each time, so only the per-address limit is at work. */
const attempt = (app: Awaited<ReturnType<typeof appWithLogs>>['app'], remoteAddress = '192.0.2.10') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { username: `mallory-${n++}`, password: 'guess number n' },
  });

const REFUSED = '401 invalid_credentials';
const LIMITED = '429 rate_limited';

/** An answer's status and problem code, with its detail when unexpected: a failure says what came instead. */
function outcome(res: LightMyRequestResponse): string {
  const problem = body(res) as { code?: string; detail?: string };
  const said = `${res.statusCode} ${problem.code}`;
  return said === REFUSED || said === LIMITED ? said : `${said}: ${problem.detail}`;
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 300) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rows = (ctx: AppContext) =>
  ctx.db.selectFrom('rate_limit_counters').select(['count', 'window_end']).orderBy('count').execute();

describe('rate limits while Redis is down', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('counts in the database when Redis dies mid-window, logs it once, and goes back to Redis when it returns', async () => {
    const redis: RedisServer = await startRedisServer(await freePort());
    cleanups.push(() => redis.kill());
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const { app, ctx, said } = await appWithLogs(database, redis.url);
    cleanups.push(() => app.close());

    for (let i = 0; i < 4; i++) expect(outcome(await attempt(app))).toBe(REFUSED);
    expect(await rows(ctx)).toEqual([]);

    await redis.kill();
    // the budget is 10 a minute: the 4 counted in Redis carry over, so 6 more pass and the 11th is refused
    for (let i = 0; i < 6; i++) expect(outcome(await attempt(app)), `attempt ${5 + i}`).toBe(REFUSED);
    const limited = await attempt(app);
    expect(limited.statusCode).toBe(429);
    expect(body(limited).code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await rows(ctx)).map((r) => r.count)).toEqual([11]);
    // another client is not limited by it
    expect(outcome(await attempt(app, '192.0.2.11'))).toBe(REFUSED);
    expect(said(FALLBACK)).toBe(1);
    expect(said(BACK)).toBe(0);

    await redis.restart();
    const redisClient = ctx.redis;
    if (!redisClient) throw new Error('the app has no Redis connection');
    await until('ioredis reconnects', () => redisClient.status === 'ready');
    // the restarted Redis is empty: counting starts there again, and the database is left alone
    expect(outcome(await attempt(app, '192.0.2.12'))).toBe(REFUSED);
    expect(said(BACK)).toBe(1);
    const probe = new Redis(redis.url);
    cleanups.push(() => probe.quit());
    expect(await probe.keys('baseline-rl:*')).toHaveLength(1);
    expect((await rows(ctx)).map((r) => r.count)).toEqual([1, 11]);
    expect(said(FALLBACK)).toBe(1);
  });

  it('does not make every request wait for a Redis that hangs: one waits, the next are counted in the database', async () => {
    const redis = await startRedisServer(await freePort());
    cleanups.push(() => redis.kill());
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new FakeClock();
    const { app, ctx, said } = await appWithLogs(database, redis.url, clock);
    cleanups.push(() => app.close());
    const redisClient = ctx.redis;
    if (!redisClient) throw new Error('the app has no Redis connection');
    cleanups.push(async () => redis.resume());
    const client = '192.0.2.30';
    const key = `baseline-rl:POST/api/v1/auth/login-${client}`;

    expect(outcome(await attempt(app, client))).toBe(REFUSED);
    redis.pause();
    // this one waits for Redis (1.5 s), then is counted in the database; the next ones do not ask Redis
    for (let i = 0; i < 4; i++) expect(outcome(await attempt(app, client))).toBe(REFUSED);
    expect(said(FALLBACK)).toBe(1);
    expect((await rows(ctx)).map((r) => r.count)).toEqual([5]);
    redis.resume();
    // answers on one connection come in order: after this PING, Redis has seen all the app sent it
    await redisClient.ping();
    expect(await redisClient.get(key)).toBe('2');

    // it is asked again after 5 s, answers, and counting goes back to it
    clock.advance(5_000);
    expect(outcome(await attempt(app, client))).toBe(REFUSED);
    expect(said(BACK)).toBe(1);
    expect(await redisClient.get(key)).toBe('3');
  });

  it('carries into the database the highest count any process last saw in Redis', async () => {
    const redis = await startRedisServer(await freePort());
    cleanups.push(() => redis.kill());
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const a = await appWithLogs(database, redis.url);
    cleanups.push(() => a.app.close());
    const b = await appWithLogs(database, redis.url);
    cleanups.push(() => b.app.close());

    // Redis counts 1 on A, then 2, 3, 4 on B
    expect(outcome(await attempt(a.app))).toBe(REFUSED);
    for (let i = 0; i < 3; i++) expect(outcome(await attempt(b.app))).toBe(REFUSED);
    await redis.kill();
    // A writes the row from what it saw (1, so 2); B saw 4, so its attempt is the 5th, not the 3rd
    expect(outcome(await attempt(a.app))).toBe(REFUSED);
    expect((await rows(a.ctx)).map((r) => r.count)).toEqual([2]);
    expect(outcome(await attempt(b.app))).toBe(REFUSED);
    expect((await rows(a.ctx)).map((r) => r.count)).toEqual([5]);
    for (let i = 0; i < 5; i++) expect(outcome(await attempt(i % 2 ? a.app : b.app))).toBe(REFUSED);
    expect(outcome(await attempt(a.app))).toBe(LIMITED);
  });

  it('shares one budget between two processes on one database while Redis is down, and prunes ended windows', async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new FakeClock();
    const a = await appWithLogs(database, deadRedis, clock);
    cleanups.push(() => a.app.close());
    const b = await appWithLogs(database, deadRedis, clock);
    cleanups.push(() => b.app.close());

    for (let i = 0; i < 5; i++) expect(outcome(await attempt(a.app))).toBe(REFUSED);
    for (let i = 0; i < 5; i++) expect(outcome(await attempt(b.app))).toBe(REFUSED);
    expect(outcome(await attempt(a.app))).toBe(LIMITED);
    expect(outcome(await attempt(b.app))).toBe(LIMITED);
    expect(a.said(FALLBACK)).toBe(1);
    expect(b.said(FALLBACK)).toBe(1);

    // a new window after the minute: counting starts again, and the ended row is deleted
    clock.advance(61_000);
    expect(outcome(await attempt(a.app, '192.0.2.20'))).toBe(REFUSED);
    expect((await rows(a.ctx)).map((r) => r.count)).toEqual([1]);
    expect(outcome(await attempt(b.app))).toBe(REFUSED);
  });
});
