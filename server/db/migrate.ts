import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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

/** Migrations are listed in code, not discovered from disk, so they run the same under tsx, tests and the CLI. */
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

/**
 * Whether the database has run exactly the migrations listed here, read in one query. Most starts
 * find it so; Kysely's Migrator would first create its tables if missing, take its lock and read
 * the same list inside a transaction (half a dozen statements, most of the migration step's time
 * at start on PostgreSQL). Anything else — no table yet, a migration missing, one this code does
 * not know, an error — is left to the Migrator, which migrates or reports as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function alreadyLatest(db: Kysely<any>): Promise<boolean> {
  try {
    const rows: { name: string }[] = await db
      .selectFrom(DEFAULT_MIGRATION_TABLE)
      .select('name')
      .orderBy('name')
      .execute();
    const wanted = Object.keys(migrations).sort();
    return rows.length === wanted.length && rows.every((row, i) => row.name === wanted[i]);
  } catch {
    return false;
  }
}

/** Brings the schema up to date; runs at every start, safe with several processes (Kysely takes a lock). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  if (await alreadyLatest(db)) return;
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Database migration failed: ${reason}`);
  }
}
