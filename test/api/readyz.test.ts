import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dbKind } from '../helpers/test-db.ts';

/**
 * Issue 14, "a health check that tells the truth": /readyz reads the database and PINGs Redis
 * (when REDIS_URL is set), each within a timeout, and says which failed and why — real Redis,
 * a dead port, a Redis that accepts connections and never answers, a database that does not answer.
 */

const REDIS_PASSWORD = 'redis-pass-Zq81xKv3';
let open: TestApp | undefined;
let hung: { server: Server; sockets: Socket[] } | undefined;

afterEach(async () => {
  for (const socket of hung?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => (hung ? hung.server.close(resolve) : resolve(undefined)));
  hung = undefined;
  await open?.close();
  open = undefined;
});

async function appWith(env: Record<string, string> = {}): Promise<TestApp> {
  open = await createTestApp({ env });
  return open;
}

/** A TCP server that accepts connections and never says a word: a hung Redis. */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hung = { server, sockets };
  const { port } = server.address() as { port: number };
  return `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`;
}

describe('GET /readyz', () => {
  it('is 200 with the database check when no Redis is configured, and /healthz is 200', async () => {
    const { app } = await appWith();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toEqual({ status: 'ok', checks: { database: { ok: true } } });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('PINGs a real Redis and reports it', async () => {
    const { app } = await appWith({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toEqual({ status: 'ok', checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it('says Redis is down (connection refused) without the password, and stays ready on the database', async () => {
    const port = await freePort();
    const { app } = await appWith({ REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}` });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).checks.database).toEqual({ ok: true });
    expect(body(res).checks.redis.ok).toBe(false);
    expect(body(res).checks.redis.reason).toBe('not connected: connection refused (nothing listens at that address)');
    expect(res.body).not.toContain(REDIS_PASSWORD);
  });

  it('does not hang on a Redis that accepts connections and never answers', async () => {
    const { app } = await appWith({ REDIS_URL: await silentServer() });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).checks.redis).toEqual({ ok: false, reason: 'no answer within 2000 ms' });
    expect(res.body).not.toContain(REDIS_PASSWORD);
  });

  it('is 503 not_ready, as problem+json with every check, while the database does not answer', async () => {
    const { app, ctx, testDb } = await appWith({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const release = await holdDatabase(ctx.db, testDb.url);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body(res)).toMatchObject({
        status: 503,
        code: 'not_ready',
        title: 'Not ready',
        detail: 'The database does not answer: no answer within 2000 ms.',
        checks: { database: { ok: false, reason: 'no answer within 2000 ms' }, redis: { ok: true } },
      });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await release();
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

/**
 * Makes the database stop answering /readyz's read, for real. PostgreSQL: another connection holds
 * an exclusive lock on the table it reads. SQLite: a transaction holds the server's one connection
 * (as a long write would). Returns the release.
 */
async function holdDatabase(db: TestApp['ctx']['db'], url: string): Promise<() => Promise<void>> {
  if (dbKind === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table kysely_migration in access exclusive mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const holding = new Promise<void>((resolve) => (begun = resolve));
  const transaction = db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    begun();
    await released;
  });
  await holding;
  return async () => {
    release();
    await transaction;
  };
}
