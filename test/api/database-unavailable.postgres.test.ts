import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { dialect } from '../../server/db/dialect.ts';
import { isDatabaseUnavailable } from '../../server/db/unavailable.ts';
import { closedPort, expectServiceUnavailable, rejection, sleep, until } from '../helpers/database-unavailable.ts';
import { createUser, login } from '../helpers/factories.ts';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';

/**
 * Database unavailability is not a bug: a request whose database connection is terminated, or that
 * finds SQLite's write lock held past the busy timeout, answers 503 `service_unavailable` with
 * Retry-After, the server recovers by itself, and a real bug still answers 500. The long run, on a
 * real server process under a burst of writes, is test/stress/connection-loss.postgres.test.ts.
 * This file is PostgreSQL's half (it runs in the postgres project only); SQLite's is
 * database-unavailable.sqlite.test.ts.
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

  // PostgreSQL only (this file runs in the postgres project alone): a connection that the database server ends has
  // no SQLite counterpart (SQLite's is database-unavailable.sqlite.test.ts)
  describe('PostgreSQL', () => {
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
});
