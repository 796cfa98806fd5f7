import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../server/db/unavailable.ts';
import { expectServiceUnavailable, rejection } from '../helpers/database-unavailable.ts';
import { createUser, login } from '../helpers/factories.ts';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';

/**
 * Database unavailability is not a bug: a request whose database connection is terminated, or that
 * finds SQLite's write lock held past the busy timeout, answers 503 `service_unavailable` with
 * Retry-After, the server recovers by itself, and a real bug still answers 500. This file is
 * SQLite's half (it runs in the sqlite project only); PostgreSQL's is
 * database-unavailable.postgres.test.ts.
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

  // SQLite only (this file runs in the sqlite project alone): its unavailability is another process holding the
  // write lock (PostgreSQL's is database-unavailable.postgres.test.ts)
  describe('SQLite', () => {
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
