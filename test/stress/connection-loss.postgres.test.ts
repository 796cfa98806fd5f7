import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, json, PASSWORD, send, tail, type Outcome } from '../helpers/faults.ts';
import { signIn, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 11, faults (the others: kill-during-deletion.test.ts, sigterm.test.ts; what they share is
 * test/helpers/faults.ts): the real server as its own process on PostgreSQL, which ends its
 * connections in the middle of a burst of writes. The test checks outcomes (answers, rows), never
 * durations. The figures are printed for SECURITY.md.
 */

// PostgreSQL only (this file runs in the postgres project alone): pg_terminate_backend ends a server-side connection;
// SQLite has no connection to end (its own kind of unavailability, a write lock held by another process, is
// test/api/database-unavailable.sqlite.test.ts's)
describe('PostgreSQL ends every connection during a burst of writes', () => {
  const WRITES = 300;
  const WRITERS = 20;
  const USERS = 4;
  /** a kill after the 15th answer, then after every 45 more (7 kills in a burst of 300) */
  const KILL_EVERY = 45;
  const MAX_BURSTS = 5;

  let testDb: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    for (let u = 0; u < USERS; u++) await addUser(testDb.database.db, `writer${u}`);
    server = await startServerProcess(testDb.url);
  });
  afterAll(async () => {
    await server?.stop();
    await testDb?.drop();
  });

  it('answers each write 201 or 503, recovers by itself, and loses no acknowledged write', async () => {
    const tokens = await Promise.all(Array.from({ length: USERS }, (_, u) => signIn(server, `writer${u}`, PASSWORD)));
    const killer = new pg.Client({ connectionString: testDb.url });
    await killer.connect();
    const writes: { note: string; outcome: Outcome }[] = [];
    let kills = 0;
    let terminated = 0;
    let bursts = 0;
    try {
      // a burst whose kills all fell between queries proves nothing: burst again until one did not
      while (bursts < MAX_BURSTS && (bursts === 0 || !writes.some((w) => w.outcome.status === 503))) {
        bursts++;
        let next = 0;
        let answered = 0;
        let killAt = KILL_EVERY / 3;
        const killing: Promise<void>[] = [];
        const writer = async () => {
          while (next < WRITES) {
            const i = next++;
            const note = `burst ${bursts} write ${i}`;
            const outcome = await send(
              `${server.url}/api/v1/check-ins`,
              json(tokens[i % USERS], 'POST', { date: '2026-03-01', mood: 1 + (i % 5), notes: note }),
            );
            writes.push({ note, outcome });
            if (++answered >= killAt) {
              killAt += KILL_EVERY;
              kills++;
              killing.push(
                killer
                  .query<{ ended: number }>(
                    `select count(*)::int as ended from (select pg_terminate_backend(pid) from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()) k`,
                  )
                  .then((r) => void (terminated += r.rows[0].ended)),
              );
            }
          }
        };
        await Promise.all(Array.from({ length: WRITERS }, writer));
        await Promise.all(killing);
      }
    } finally {
      await killer.end();
    }

    const count = (status: number) => writes.filter((w) => w.outcome.status === status).length;
    const unexpected = writes.filter((w) => w.outcome.status !== 201 && w.outcome.status !== 503);
    expect(
      unexpected.map((w) => w.outcome.status ?? w.outcome.error),
      tail(server.output()),
    ).toEqual([]);
    expect(count(503), 'no kill landed on a query in flight: the test proved nothing').toBeGreaterThan(0);
    for (const w of writes.filter((x) => x.outcome.status === 503)) {
      expect(w.outcome.contentType).toMatch(/^application\/problem\+json/);
      expect(w.outcome.retryAfter).toBe('5');
      expect(JSON.parse(w.outcome.body)).toMatchObject({ status: 503, code: 'service_unavailable' });
    }

    // the same process answers normally again: the pool dropped the dead connections and opened new ones
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    for (const token of tokens) {
      const after = await send(
        `${server.url}/api/v1/check-ins`,
        json(token, 'POST', { date: '2026-03-02', notes: 'after the burst' }),
      );
      expect(after.status, after.body).toBe(201);
    }

    // every acknowledged write is there, under the id it was acknowledged with
    const rows = await testDb.database.db
      .selectFrom('check_ins')
      .select(['id', 'notes'])
      .where('notes', 'like', 'burst %')
      .execute();
    const saved = new Map(rows.map((r) => [r.id, r.notes]));
    const acknowledged = writes.filter((w) => w.outcome.status === 201).map((w) => JSON.parse(w.outcome.body));
    const lost = acknowledged.filter((item: { id: string; notes: string }) => saved.get(item.id) !== item.notes);
    expect(lost).toEqual([]);
    // each row is one write sent, saved once; a 503 may still have been saved when the connection broke at commit
    const notesSent = new Set(writes.map((w) => w.note));
    expect(rows.filter((r) => !notesSent.has(r.notes!))).toEqual([]);
    expect(new Set(rows.map((r) => r.notes)).size).toBe(rows.length);
    const refusedButSaved = rows.length - acknowledged.length;

    console.log(
      `[postgres] connections killed during writes: ${writes.length} writes sent in ${bursts} burst(s) of ` +
        `${WRITES} (${WRITERS} at a time, ${USERS} users), ${kills} kills ending ${terminated} connections; ` +
        `${count(201)} answered 201, ${count(503)} answered 503, 0 answered anything else; ` +
        `acknowledged writes lost: ${lost.length}; 503 answers whose write was saved anyway: ${refusedButSaved}`,
    );
  });
});
