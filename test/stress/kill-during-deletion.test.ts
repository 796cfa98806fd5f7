import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/db/schema.ts';
import { newId } from '../../server/ids.ts';
import { foreignKeys, ownedRows } from '../helpers/catalog.ts';
import { addUser, BATCH, json, PASSWORD, send, sleep, type Outcome } from '../helpers/faults.ts';
import { signIn, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 11, faults (the others: connection-loss.postgres.test.ts, sigterm.test.ts; what they share
 * is test/helpers/faults.ts): the real server as its own process, on a real database, SIGKILLed in
 * the middle of deleting a user with 100,000 rows. The test checks outcomes (answers, rows, exit
 * codes), never durations. The figures are printed for SECURITY.md.
 */

/** How the target's 100,000 rows are spread over the health tables. */
const SPREAD = {
  health_records: 20_000,
  check_ins: 20_000,
  interventions: 10_000,
  observations: 30_000,
  lab_results: 15_000,
  integrations: 5_000,
} as const;

/** One row of a health table for the user, the i-th of its table (plain values: the deletion reads none of them). */
function healthRow(table: keyof typeof SPREAD, userId: string, i: number, interventionIds: string[]) {
  const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000);
  const stamp = at.toISOString();
  const day = stamp.slice(0, 10);
  const base = { id: newId(at), user_id: userId, created_at: stamp, updated_at: stamp };
  switch (table) {
    case 'health_records':
      return { ...base, recorded_at: stamp, type: 'blood-pressure', data: '{"systolic":120}', notes: null };
    case 'check_ins':
      return { ...base, date: day, mood: 1 + (i % 5), energy: 3, sleep_hours: 7.5, notes: `day ${i}` };
    case 'interventions':
      return {
        ...base,
        name: `supplement ${i}`,
        kind: 'supplement',
        dose: '1 g',
        started_on: day,
        ended_on: null,
        notes: null,
      };
    case 'observations':
      return {
        ...base,
        observed_at: stamp,
        metric: 'heart-rate',
        value: 60 + (i % 40),
        unit: 'bpm',
        intervention_id: i % 10 === 0 ? interventionIds[i % interventionIds.length] : null,
        notes: null,
      };
    case 'lab_results':
      return {
        ...base,
        collected_on: day,
        analyte: 'ferritin',
        value: 80,
        unit: 'ng/mL',
        reference_low: 30,
        reference_high: 400,
        lab: null,
        notes: null,
      };
    case 'integrations':
      return {
        ...base,
        provider: 'oura',
        label: null,
        access_token_enc: 'not-a-real-ciphertext',
        refresh_token_enc: null,
        token_hint: 'abcd',
        expires_at: null,
      };
  }
}

/** A user with 100,000 rows over the health tables, inserted in bulk through Kysely, in one transaction. */
async function seedTarget(db: Kysely<DB>, username: string): Promise<string> {
  const userId = await addUser(db, username);
  await db.transaction().execute(async (trx) => {
    const interventionIds: string[] = [];
    for (const table of Object.keys(SPREAD) as (keyof typeof SPREAD)[]) {
      for (let from = 0; from < SPREAD[table]; from += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, SPREAD[table] - from) }, (_, k) =>
          healthRow(table, userId, from + k, interventionIds),
        );
        if (table === 'interventions') interventionIds.push(...rows.map((r) => r.id));
        // one table per call, and the rows are that table's: the union type is wider than any one table
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
      }
    }
  });
  return userId;
}

/** Everything of the user's the catalogue knows (rows reached by ON DELETE CASCADE), and the audit of a deletion. */
async function stateOf(db: Kysely<DB>, userId: string) {
  const fks = await foreignKeys(db, dbKind);
  const owned = await ownedRows(db, fks, userId);
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).execute();
  const rows: Record<string, number> = {};
  for (const [table, ids] of owned) if (table !== 'users') rows[table] = ids.length;
  const audits = await db
    .selectFrom('audit_events')
    .select('id')
    .where('target', '=', `user:${userId}`)
    .where('action', '=', 'user.deleted')
    .execute();
  return { user: user.length, rows, audits: audits.length };
}
type State = Awaited<ReturnType<typeof stateOf>>;

/** 'there' (exactly as before), 'gone' (nothing left, the deletion audited once) or 'torn'. */
function judge(before: State, after: State): 'there' | 'gone' | 'torn' {
  if (after.user === 1 && after.audits === 0 && JSON.stringify(after.rows) === JSON.stringify(before.rows))
    return 'there';
  if (after.user === 0 && after.audits === 1 && Object.values(after.rows).every((n) => n === 0)) return 'gone';
  return 'torn';
}

/**
 * Resolves true once the server is inside the deletion's transaction, false if the request was
 * answered first. PostgreSQL: a DELETE runs on one of its connections (nothing else deletes meanwhile). SQLite: the server holds
 * the database's write lock (the deletion's audit row and DELETE; nothing else writes meanwhile).
 */
async function insideDeletion(databaseUrl: string, answered: () => boolean): Promise<boolean> {
  if (dbKind === 'postgres') {
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    try {
      while (!answered()) {
        const { rowCount } = await probe.query(
          `select 1 from pg_stat_activity where datname = current_database() and state = 'active'
           and query like 'delete from %'`,
        );
        if (rowCount) return true;
      }
      return false;
    } finally {
      await probe.end();
    }
  }
  const probe = new SQLite(databaseUrl.slice('sqlite:'.length), { timeout: 0 });
  try {
    while (!answered()) {
      try {
        probe.prepare('begin immediate').run();
        probe.prepare('rollback').run();
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw err;
      }
      await new Promise((r) => setImmediate(r));
    }
    return false;
  } finally {
    probe.close();
  }
}

/** PostgreSQL: waits until the killed server's connections are gone (its backend finishes the statement first). */
async function backendsGone(testDb: TestDatabase, applicationName: string): Promise<void> {
  if (dbKind !== 'postgres') return;
  for (;;) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where application_name = ${applicationName}`.execute(testDb.database.db);
    if (rows[0].n === 0) return;
    await sleep(50);
  }
}

describe(`SIGKILL while deleting a user with 100,000 rows (${dbKind})`, () => {
  const ATTEMPTS = 4;
  const APP = 'baseline-faults-kill';
  let testDb: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await testDb?.drop();
  });

  it('leaves the user wholly there or wholly gone after a restart', { timeout: 300_000 }, async () => {
    const db = testDb.database.db;
    const databaseUrl = dbKind === 'postgres' ? `${testDb.url}?application_name=${APP}` : testDb.url;
    await addUser(db, 'root', 'admin');
    server = await startServerProcess(databaseUrl);
    let generation = 0;
    /** a fresh target: 100,000 rows, and a session of its own (sessions and refresh tokens must go too) */
    const seed = async () => {
      const username = `target${++generation}`;
      const id = await seedTarget(db, username);
      await signIn(server!, username, PASSWORD);
      const before = await stateOf(db, id);
      return { id, before };
    };
    let target = await seed();
    const seeded = Object.entries(target.before.rows).filter(([table]) => table in SPREAD);
    expect(seeded.reduce((n, [, rows]) => n + rows, 0)).toBe(100_000);
    expect(target.before.rows).toMatchObject({ sessions: 1, refresh_tokens: 1 });

    const attempts: { inside: boolean; answer: number | string | null; state: 'there' | 'gone' | 'torn' }[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const token = await signIn(server, 'root', PASSWORD);
      let answer: Outcome | null = null;
      const deletion = send(`${server.url}/api/v1/admin/users/${target.id}`, json(token, 'DELETE')).then(
        (o) => (answer = o),
      );
      const inside = await insideDeletion(databaseUrl, () => answer !== null);
      server.child.kill('SIGKILL');
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');
      await deletion;
      await backendsGone(testDb, APP);

      // restart: SQLite replays its write-ahead log on open, PostgreSQL has aborted the transaction
      server = await startServerProcess(databaseUrl);
      const after = await stateOf(db, target.id);
      const state = judge(target.before, after);
      const finished = answer as Outcome | null;
      attempts.push({ inside, answer: finished?.status ?? finished?.error ?? null, state });
      expect(state, JSON.stringify({ attempt, inside, before: target.before, after })).not.toBe('torn');
      // an answered 204 was committed: the restart must not bring anything back
      if (finished?.status === 204) expect(state).toBe('gone');
      const seen = await send(
        `${server.url}/api/v1/admin/users/${target.id}`,
        json(await signIn(server, 'root', PASSWORD), 'GET'),
      );
      expect(seen.status).toBe(state === 'there' ? 200 : 404);
      if (state === 'gone') target = await seed();
    }

    const midTransaction = attempts.filter((a) => a.inside && a.state === 'there').length;
    console.log(
      `[${dbKind}] SIGKILL during deletion of 100,000 rows: ${attempts.length} kills; landed inside the ` +
        `deletion's transaction (seen running, rolled back whole) ${midTransaction} times; after the commit ` +
        `(wholly gone) ${attempts.filter((a) => a.state === 'gone').length} times; torn 0; ` +
        `outcomes ${JSON.stringify(attempts)}`,
    );
    expect(midTransaction, 'no kill landed inside the transaction: the test proved nothing').toBeGreaterThan(0);
  });
});
