import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { freePort } from '../helpers/ports.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { createEmptyTestDatabase, createTestDatabase, dbKind } from '../helpers/test-db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every migration file of the code, by the name Kysely records: each must be recorded exactly once. */
const MIGRATION_FILES = readdirSync(new URL('../../server/db/migrations/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const FUTURE = '999-from-a-newer-version';

/** Kysely's record of what ran, and the schema, as text that compares equal when nothing changed. */
async function snapshot(
  url: string,
): Promise<{ migrations: { name: string; timestamp: string }[]; schema: unknown[] }> {
  const { db } = openDatabase(url, { poolSize: 1 });
  try {
    const migrations = await db
      .selectFrom('kysely_migration' as never)
      .select(['name' as never, 'timestamp' as never])
      .orderBy('name' as never)
      .execute();
    const schema =
      dbKind === 'sqlite'
        ? await sql`select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db)
        : await sql`select c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
            from information_schema.columns c where c.table_schema = 'public'
            union all select 'index', indexname, indexdef, '', '' from pg_indexes where schemaname = 'public'
            order by 1, 2`.execute(db);
    return { migrations: migrations as unknown as { name: string; timestamp: string }[], schema: schema.rows };
  } finally {
    await db.destroy();
  }
}

/** Starts the server (README's command) where it is expected not to start, and waits for its exit. */
async function startExpectingExit(databaseUrl: string): Promise<{ code: number | null; out: string; err: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    return { code, out, err };
  } finally {
    // a server that did start (the refusal missing) must not outlive the test
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Polls `check` every 50 ms until it holds (at most 90 s: three servers starting on two busy cores). */
async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (const end = Date.now() + 90_000; !(await check());) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How many child processes of this one have `file` open. */
function childrenWithOpen(file: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // the fourth field of /proc/PID/stat is the parent's pid (the second, in parentheses, may hold spaces)
      if (Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) !== process.pid) continue;
      const fds = readdirSync(`/proc/${pid}/fd`);
      if (fds.some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' }) === file)) count++;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return count;
}

/**
 * A starting gate, so the three processes reach their migration at the same moment rather than one after
 * another as they happen to finish loading (which hides a race): the test holds the database's write lock
 * (SQLite) or has begun creating Kysely's migration table (PostgreSQL) until all three are there, then lets
 * go. Without it the race is rare; with it, processes that do not take the migration lock collide.
 */
async function holdGate(url: string): Promise<{ allArrived(): Promise<void>; open(): Promise<void> }> {
  if (dbKind === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const holder = new SQLite(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('begin immediate');
    return {
      // each opens the file just before it migrates, and a few milliseconds later waits for the lock
      allArrived: () => waitFor('three servers opening the database', () => childrenWithOpen(file) === 3),
      open: async () => {
        holder.exec('rollback');
        holder.close();
      },
    };
  }
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('begin');
  await holder.query('create table kysely_migration (name varchar(255) primary key, timestamp varchar(255))');
  // another connection watches: inside the holder's transaction pg_stat_activity would stay as first read
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  const database = new URL(url).pathname.slice(1);
  return {
    allArrived: () =>
      waitFor('three servers waiting on a lock', async () => {
        const { rows } = await watcher.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
          [database],
        );
        return Number(rows[0].n) === 3;
      }),
    open: async () => {
      await holder.query('rollback');
      await holder.end();
      await watcher.end();
    },
  };
}

describe('upgrades: migrations at start', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('three processes starting together on an empty database migrate it once, and all three serve', async () => {
    const empty = await createEmptyTestDatabase();
    cleanups.push(() => empty.drop());
    const gate = await holdGate(empty.url);
    const starting = Promise.allSettled([1, 2, 3].map(() => startServerProcess(empty.url)));
    cleanups.push(async () => {
      for (const s of await starting) if (s.status === 'fulfilled') await s.value.stop();
    });
    try {
      await gate.allArrived();
    } finally {
      await gate.open();
    }
    const started = await starting;
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    // a process that lost a race (a migration run twice, a table created twice) exits at start
    expect(started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).toEqual([]);

    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status, server.output()).toBe(200);
      expect(server.output()).not.toMatch(/migration failed|cannot open the database|error/i);
    }
    const after = await snapshot(empty.url);
    expect(after.migrations.map((m) => m.name)).toEqual(MIGRATION_FILES);

    // the same schema as one process migrating alone makes
    const reference = await createTestDatabase();
    cleanups.push(() => reference.drop());
    expect(after.schema).toEqual((await snapshot(reference.url)).schema);
  }, 180_000);

  it('refuses to start on a database a newer version migrated, and changes nothing in it', async () => {
    const newer = await createTestDatabase();
    cleanups.push(() => newer.drop());
    await newer.database.db
      .insertInto('kysely_migration' as never)
      .values({ name: FUTURE, timestamp: new Date().toISOString() } as never)
      .execute();
    const before = await snapshot(newer.url);

    const run = await startExpectingExit(newer.url);
    expect(run.code).toBe(1);
    expect(run.err).toContain('This database was upgraded by a newer Baseline');
    expect(run.err).toContain(`it has migration ${FUTURE}`);
    expect(run.err).toContain(`knows migrations up to ${MIGRATION_FILES[MIGRATION_FILES.length - 1]}`);
    expect(run.err).toContain('restore a backup made before the upgrade');
    expect(run.out).not.toContain('setup');

    const cli = await runCli(['set-role', 'someone', 'admin'], { env: { DATABASE_URL: newer.url } });
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`This database was upgraded by a newer Baseline: it has migration ${FUTURE}`);

    expect(await snapshot(newer.url)).toEqual(before);
  }, 120_000);
});
