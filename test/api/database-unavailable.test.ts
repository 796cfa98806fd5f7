import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { dialect } from '../../server/db/dialect.ts';
import { isDatabaseUnavailable } from '../../server/db/unavailable.ts';
import { createUser, login } from '../helpers/factories.ts';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';
import { dbKind } from '../helpers/test-db.ts';

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** A local port that nothing listens on: a PostgreSQL that is down. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a check until it returns a value (not undefined), for at most 20 s. */
async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = await check();
    if (found !== undefined) return found;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * Database unavailability is not a bug: a request whose database connection is terminated, or that
 * finds SQLite's write lock held past the busy timeout, answers 503 `service_unavailable` with
 * Retry-After, the server recovers by itself, and a real bug still answers 500. The long run, on a
 * real server process under a burst of writes, is test/stress/faults.test.ts.
 */
describe('a database that cannot be reached answers 503 service_unavailable, and the server recovers', () => {
  let t: TestApp;
  let admin: string;
  let userId: string;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    userId = (await createUser(t.ctx, { username: 'sam' })).id;
    admin = (await login(t.app, 'root')).accessToken;
  });
  afterEach(() => t.close());

  const api = () => requestsAs(t.app, admin, '/api/v1');

  function expectServiceUnavailable(res: Awaited<ReturnType<ReturnType<typeof api>['get']>>): void {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(body(res)).toMatchObject({ status: 503, code: 'service_unavailable', title: 'Service unavailable' });
  }

  // PostgreSQL only: a connection that the database server ends has no SQLite counterpart (SQLite's is the case below)
  describe.runIf(dbKind === 'postgres')('PostgreSQL', () => {
    it('a request whose connection is terminated mid-query answers 503; the same request then succeeds', async () => {
      // hold the admins' lock from another connection, so the request waits inside its transaction, on a known query
      const outside = openDatabase(t.testDb.url, { poolSize: 1 });
      const holder = await outside.db.startTransaction().execute();
      try {
        await dialect.lockAdmins(holder, 'postgres');
        const pending = api().patch(`/admin/users/${userId}`, { status: 'disabled' });
        const pid = await until('the request to wait for the lock', async () => {
          const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(
            holder,
          );
          return rows[0]?.pid;
        });
        await sql`select pg_terminate_backend(${pid})`.execute(holder);
        expectServiceUnavailable(await pending);
      } finally {
        await holder.rollback().execute();
        await outside.db.destroy();
      }
      // nothing of the failed request was kept, and the pool replaced the broken connection by itself
      expect(body(await api().get(`/admin/users/${userId}`)).status).toBe('active');
      const again = await api().patch(`/admin/users/${userId}`, { status: 'disabled' });
      expect(again.statusCode, again.body).toBe(200);
      expect(body(again).status).toBe('disabled');
    });

    it('a checked-out connection terminated between two queries does not crash the process', async () => {
      // pg-pool listens for errors only on idle clients; without the server's own listener the 'error'
      // event of this client, which no query is waiting on, is thrown and ends the process (here: the test run)
      const failed = await t.ctx.db.connection().execute(async (conn) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
        const killer = new pg.Client({ connectionString: t.testDb.url });
        await killer.connect();
        try {
          await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
          await until('the backend to end', async () => {
            const r = await killer.query('select 1 from pg_stat_activity where pid = $1', [rows[0].pid]);
            return r.rowCount === 0 ? true : undefined;
          });
        } finally {
          await killer.end();
        }
        // the client has now read the backend's farewell with no query of its own running
        await sleep(200);
        return rejection(sql`select 1`.execute(conn));
      });
      expect(isDatabaseUnavailable(failed), String(failed)).toBe(true);
      expect((await api().get(`/admin/users/${userId}`)).statusCode).toBe(200);
    });

    it('tells an unreachable or terminated PostgreSQL from a bug', async () => {
      const refused = openDatabase(`postgres://postgres@127.0.0.1:${await closedPort()}/none`, { poolSize: 1 });
      const connRefused = await rejection(sql`select 1`.execute(refused.db));
      await refused.db.destroy();

      const victim = new pg.Client({ connectionString: t.testDb.url });
      await victim.connect();
      victim.on('error', () => {});
      // (not events.once: it rejects on the 'error' event that comes first)
      const ended = new Promise((resolve) => victim.once('end', resolve));
      const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
      const sleeping = rejection(victim.query('select pg_sleep(30)'));
      const killer = new pg.Client({ connectionString: t.testDb.url });
      await killer.connect();
      await until('the sleep to run', async () => {
        const r = await killer.query(`select 1 from pg_stat_activity where pid = $1 and state = 'active'`, [
          rows[0].pid,
        ]);
        return r.rowCount === 1 ? true : undefined;
      });
      await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
      await killer.end();
      const terminated = await sleeping;
      await ended;
      const afterwards = await rejection(victim.query('select 1'));

      const unique = await rejection(createUser(t.ctx, { username: 'root' }));
      const syntax = await rejection(sql`selec 1`.execute(t.ctx.db));
      const division = await rejection(sql`select 1 / 0`.execute(t.ctx.db));

      expect((terminated as { code?: string }).code).toBe('57P01');
      for (const err of [connRefused, terminated, afterwards])
        expect(isDatabaseUnavailable(err), String(err)).toBe(true);
      // a provider that cannot be reached is not the database: fetch's TypeError carries ECONNREFUSED as its cause
      const fetchFailed = await rejection(fetch(`http://127.0.0.1:${await closedPort()}/`));
      expect((fetchFailed as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
      for (const err of [unique, syntax, division, fetchFailed, new TypeError('x is undefined')])
        expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    });
  });

  // SQLite only: its unavailability is another process holding the write lock (PostgreSQL's is above)
  describe.runIf(dbKind === 'sqlite')('SQLite', () => {
    const file = () => t.testDb.url.slice('sqlite:'.length);

    it('a write while another process holds the write lock past the busy timeout answers 503; then it succeeds', async () => {
      // the server waits 5 s for the lock; 100 ms here, so the test does not wait for nothing
      await sql`pragma busy_timeout = 100`.execute(t.ctx.db);
      const user = requestsAs(t.app, (await login(t.app, 'sam')).accessToken, '/api/v1');
      const other = new SQLite(file());
      other.prepare('begin immediate').run();
      try {
        expectServiceUnavailable(await user.post('/check-ins', { date: '2026-03-01', notes: 'locked out' }));
      } finally {
        other.prepare('rollback').run();
        other.close();
      }
      const again = await user.post('/check-ins', { date: '2026-03-01', notes: 'after the lock' });
      expect(again.statusCode, again.body).toBe(201);
      expect(body(await user.get('/check-ins')).items.map((i: { notes: string }) => i.notes)).toEqual([
        'after the lock',
      ]);
    });

    it('a transaction that reads, then writes, waits for another process to release the write lock', async () => {
      // another process: a thread with its own event loop, as the server's wait for the lock blocks this one
      const other = new Worker(
        `const { parentPort, workerData } = require('node:worker_threads');
         const db = new (require('better-sqlite3'))(workerData.file);
         db.prepare('begin immediate').run();
         parentPort.postMessage('locked');
         setTimeout(() => { db.prepare('rollback').run(); db.close(); parentPort.postMessage('released'); }, 300);`,
        { eval: true, workerData: { file: file() } },
      );
      const released = new Promise((resolve) => other.on('message', (m) => m === 'released' && resolve(m)));
      await new Promise((resolve) => other.once('message', resolve));
      // reads the user and counts the admins, then writes: a deferred transaction got SQLITE_BUSY at its first write
      const res = await api().patch(`/admin/users/${userId}`, { status: 'disabled' });
      await released;
      await other.terminate();
      expect(res.statusCode, res.body).toBe(200);
      expect(body(res).status).toBe('disabled');
    });

    it('tells a busy database from a bug', async () => {
      const holder = new SQLite(file());
      const waiter = new SQLite(file(), { timeout: 0 });
      holder.prepare('begin immediate').run();
      let busy: unknown;
      try {
        busy = await rejection(Promise.resolve().then(() => waiter.prepare('begin immediate').run()));
      } finally {
        holder.prepare('rollback').run();
        holder.close();
        waiter.close();
      }
      const unique = await rejection(createUser(t.ctx, { username: 'root' }));
      const syntax = await rejection(sql`selec 1`.execute(t.ctx.db));
      const missing = await rejection(sql`select * from no_such_table`.execute(t.ctx.db));

      expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(isDatabaseUnavailable(busy), String(busy)).toBe(true);
      for (const err of [unique, syntax, missing, new TypeError('x is undefined')])
        expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    });
  });
});
