import {
  DEFAULT_MIGRATION_TABLE,
  Migrator,
  PostgresAdapter,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-login-failures.ts';
import * as m003 from './migrations/003-export-tickets.ts';
import * as m004 from './migrations/004-drop-sessions-limited.ts';
import * as m005 from './migrations/005-session-sign-in-time.ts';
import * as m006 from './migrations/006-account-lockout.ts';
import * as m007 from './migrations/007-provider-replay.ts';
import * as m008 from './migrations/008-user-reference-indexes.ts';
import * as m009 from './migrations/009-user-search.ts';
import * as m010 from './migrations/010-rate-limit-counters.ts';

/**
 * Migrations are listed in code, not discovered from disk, so they run the same under tsx, tests and the CLI.
 * They are forward-only: each has an `up` and nothing else. Going back to an older version means restoring a
 * backup made before the upgrade, never undoing migrations (a `down` that no start ever runs is untested code
 * that would be trusted on the worst day).
 */
const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-login-failures': m002,
  '003-export-tickets': m003,
  '004-drop-sessions-limited': m004,
  '005-session-sign-in-time': m005,
  '006-account-lockout': m006,
  '007-provider-replay': m007,
  '008-user-reference-indexes': m008,
  '009-user-search': m009,
  '010-rate-limit-counters': m010,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The names this version knows, in the order they run (a restore checks a backup against them). */
export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(migrations).sort();
const known = KNOWN_MIGRATIONS;

/**
 * The PostgreSQL advisory lock every Baseline process takes to migrate (a constant of our own, not
 * Kysely's: Kysely takes its own key inside, on the same connection, which then never waits for us).
 */
const POSTGRES_LOCK_KEY = 4_129_650_115_337;

/**
 * How long a process waits for SQLite's write lock before it gives up on starting. Another process
 * migrating holds it for as long as its migrations take, which on a large database can be minutes.
 */
const SQLITE_LOCK_WAIT_MS = 10 * 60_000;

/**
 * The database was migrated by a newer Baseline: it lists migrations this code does not have. Running
 * on it would mean old code writing into a schema it does not know, and Kysely's Migrator would only
 * say "corrupted migrations"; the start stops with this message instead, which names what to do.
 */
export class DatabaseNewerThanCodeError extends Error {
  constructor(unknown: string[]) {
    const their = unknown.length === 1 ? `migration ${unknown[0]}` : `migrations ${unknown.join(', ')}`;
    super(
      `This database was upgraded by a newer Baseline: it has ${their}, and this version knows migrations up to ` +
        `${known[known.length - 1]}. Nothing was changed. Run the newer version, or restore a backup made before ` +
        'the upgrade.',
    );
    this.name = 'DatabaseNewerThanCodeError';
  }
}

/** The names in Kysely's migration table, or none when the table does not exist yet (an empty database). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function executedMigrations(db: Kysely<any>): Promise<string[] | undefined> {
  try {
    const rows: { name: string }[] = await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
    return rows.map((row) => row.name).sort();
  } catch {
    return undefined;
  }
}

/**
 * Whether the database has run exactly the migrations listed here, read in one query and without a lock.
 * Most starts find it so; taking the lock and letting Kysely's Migrator create its tables and read the same
 * list inside a transaction is half a dozen statements, most of the migration step's time at start on
 * PostgreSQL. Anything else — no table yet, a migration missing, one this code does not know — takes the lock.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function alreadyLatest(db: Kysely<any>): Promise<boolean> {
  const names = await executedMigrations(db);
  return names !== undefined && names.length === known.length && names.every((name, i) => name === known[i]);
}

/**
 * Runs `migrate` on one connection that holds the database's migration lock, so that of several processes
 * starting at once one migrates and the others then find the work done. PostgreSQL: a session-level advisory
 * lock, taken before Kysely creates its own tables (two concurrent CREATE TABLE IF NOT EXISTS can collide on
 * PostgreSQL's catalog). SQLite: Kysely takes no lock there (it assumes one connection), so this connection
 * begins an IMMEDIATE transaction, which holds the write lock across processes, and the whole migration is one
 * transaction (SQLite's DDL is transactional): another process sees all of it or none.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function withMigrationLock(db: Kysely<any>, migrate: (conn: Kysely<any>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (conn) => {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (postgres) await sql`select pg_advisory_lock(${sql.lit(POSTGRES_LOCK_KEY)})`.execute(conn);
    else await beginImmediate(conn);
    try {
      await migrate(conn);
    } catch (err) {
      // the first error is the one to report; a release that fails means a broken connection, and the
      // lock or transaction ends with its session
      const release = postgres ? sql`select pg_advisory_unlock(${sql.lit(POSTGRES_LOCK_KEY)})` : sql`rollback`;
      await release.execute(conn).catch(() => {});
      throw err;
    }
    await (postgres ? sql`select pg_advisory_unlock(${sql.lit(POSTGRES_LOCK_KEY)})` : sql`commit`).execute(conn);
  });
}

/**
 * Takes SQLite's write lock. The connection's busy timeout (a few seconds) is meant for requests; a process
 * that waits here for another's migration tries again until SQLITE_LOCK_WAIT_MS have passed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function beginImmediate(conn: Kysely<any>): Promise<void> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (err) {
      const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw err;
    }
  }
}

/**
 * Brings the schema up to date; runs at every start of the server and of the command-line tool. Several
 * processes may start at once: the lock makes one of them migrate, and each migration runs exactly once. A
 * database that a newer version migrated stops the start with DatabaseNewerThanCodeError, changing nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  if (await alreadyLatest(db)) return;
  await withMigrationLock(db, async (conn) => {
    const unknown = ((await executedMigrations(conn)) ?? []).filter((name) => !Object.hasOwn(migrations, name));
    if (unknown.length > 0) throw new DatabaseNewerThanCodeError(unknown);
    const { error, results } = await new Migrator({ db: conn, provider }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
      throw new Error(`Database migration failed: ${reason}`);
    }
  });
}

/**
 * Where the database stands against this code, for `baseline doctor`, which reads and never
 * migrates: the migrations this version knows, those the database has not run yet, and those it
 * has run that this version does not know (a newer Baseline ran them). No table yet: none run.
 */
export async function migrationState(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): Promise<{ known: readonly string[]; pending: string[]; unknown: string[] }> {
  const executed = (await executedMigrations(db)) ?? [];
  return {
    known,
    pending: known.filter((name) => !executed.includes(name)),
    unknown: executed.filter((name) => !Object.hasOwn(migrations, name)),
  };
}
