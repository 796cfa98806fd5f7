import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { isLoadSheddingArmed } from '../../server/plugins/load-shedding.plugin.ts';
import { body, testConfig } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 14, "graceful limits": under overload the server answers 503 service_unavailable with
 * Retry-After at once, while /healthz and /readyz still answer, and takes requests again when the
 * load falls. The overload is real: the test's own event loop is kept busy with synchronous work.
 */

const THRESHOLD_MS = 200;
let open: { app: FastifyInstance; testDb: TestDatabase } | undefined;

afterEach(async () => {
  await open?.app.close();
  await open?.testDb.drop();
  open = undefined;
});

/** The app with load shedding at the given thresholds, logging at info into `lines`. */
async function appWith(env: Record<string, string>, lines: string[]): Promise<FastifyInstance> {
  const testDb = await createTestDatabase();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = { ...testConfig(env), databaseUrl: testDb.url };
  const { app } = await buildApp({ config, database: testDb.database, logger: { level: 'info', stream } });
  open = { app, testDb };
  return app;
}

/** Whether under-pressure's last sample is over a threshold (false when no load shedding is registered). */
const underPressure = (app: FastifyInstance) => app.hasDecorator('isUnderPressure') && app.isUnderPressure();

/** Busy-waits: the event loop can do nothing else meanwhile, as under a flood of CPU-bound requests. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spinning on purpose
  }
}

/**
 * Keeps the event loop overloaded — blocks of twice the threshold, each followed by one turn of
 * the loop — until under-pressure's once-a-second sample sees it, for at most about 10 s.
 */
async function overload(app: FastifyInstance): Promise<void> {
  await waitUntil(() => isLoadSheddingArmed(app));
  for (let i = 0; i < 25 && !underPressure(app); i++) {
    blockFor(2 * THRESHOLD_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

const shedLines = (lines: string[], words: string) => lines.filter((line) => JSON.parse(line).msg?.includes(words));

describe('load shedding', () => {
  it('answers 503 + Retry-After while the event loop is overloaded, never on the probes, and recovers', async () => {
    const lines: string[] = [];
    const app = await appWith({ OVERLOAD_EVENT_LOOP_DELAY: String(THRESHOLD_MS), LOG_LEVEL: 'info' }, lines);
    expect((await app.inject({ method: 'GET', url: '/api/v1/server' })).statusCode).toBe(200);

    await overload(app);
    expect(underPressure(app)).toBe(true);
    const [api, again, healthz, readyz, metrics] = await Promise.all([
      app.inject({ method: 'GET', url: '/api/v1/server' }),
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b' } }),
      app.inject({ method: 'GET', url: '/healthz' }),
      app.inject({ method: 'GET', url: '/readyz' }),
      app.inject({ method: 'GET', url: '/metrics' }),
    ]);
    expect(api.statusCode, api.body).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body(api)).toMatchObject({ status: 503, code: 'service_unavailable', title: 'Service unavailable' });
    expect(body(api).detail).toMatch(/overloaded/);
    expect(again.statusCode).toBe(503);
    expect(healthz.statusCode).toBe(200);
    expect(readyz.statusCode, readyz.body).toBe(200);
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('# TYPE');
    // one warning for the episode, not one per refused request
    expect(shedLines(lines, 'overloaded:')).toHaveLength(1);
    expect(JSON.parse(shedLines(lines, 'overloaded:')[0])).toMatchObject({ level: 40, overload: 'eventLoopDelay' });

    await waitUntil(() => !underPressure(app));
    const after = await app.inject({ method: 'GET', url: '/api/v1/server' });
    expect(after.statusCode, after.body).toBe(200);
    expect(shedLines(lines, 'load back to normal')).toHaveLength(1);
    expect(JSON.parse(shedLines(lines, 'load back to normal')[0])).toMatchObject({ shed: 2 });
  });

  it('does not shed the first requests after start, whose sample holds the start-up itself', async () => {
    const lines: string[] = [];
    const app = await appWith({ OVERLOAD_EVENT_LOOP_DELAY: String(THRESHOLD_MS), LOG_LEVEL: 'info' }, lines);
    // what a start-up does on a small box: the loop blocked for a second once the server is built
    blockFor(1200);
    await waitUntil(() => underPressure(app));
    expect(underPressure(app)).toBe(true);
    const first = await app.inject({ method: 'GET', url: '/api/v1/server' });
    expect(first.statusCode, first.body).toBe(200);
    expect(shedLines(lines, 'overloaded:')).toHaveLength(0);
  });

  it('sheds above the memory threshold (OVERLOAD_MEMORY_MB), probes still answered', async () => {
    const lines: string[] = [];
    // 1 MiB: any Node process is above it, so the first sample (after 1 s) starts shedding
    const app = await appWith({ OVERLOAD_EVENT_LOOP_DELAY: '0', OVERLOAD_MEMORY_MB: '1' }, lines);
    await waitUntil(() => underPressure(app) && isLoadSheddingArmed(app));
    const api = await app.inject({ method: 'GET', url: '/api/v1/server' });
    expect(api.statusCode, api.body).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(body(api).code).toBe('service_unavailable');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(JSON.parse(shedLines(lines, 'overloaded:')[0])).toMatchObject({ overload: 'rssBytes', limit: 1048576 });
  });
});
