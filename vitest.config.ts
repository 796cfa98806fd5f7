import { defineConfig } from 'vitest/config';
import { existsSync } from 'node:fs';
import pg from 'pg';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used, or null when it answers (the stress config asks too). */
export async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * One suite, two projects: every test file runs on embedded SQLite and on PostgreSQL (a
 * *.sqlite.test.ts or *.postgres.test.ts file on that database only, see below); the pure
 * unit tests (test/unit) run once, in a third project, with no database.
 * Without a reachable PostgreSQL the run says so loudly and runs SQLite only — unless
 * REQUIRE_POSTGRES=1 (CI), where it fails. The browser suite (test/e2e) runs once, on SQLite,
 * when Debian's Chromium is installed; REQUIRE_BROWSER=1 (CI) fails without it.
 */
export default defineConfig(async () => {
  const pgProblem = await postgresReachable();
  if (pgProblem) {
    const msg = `PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable (${pgProblem}).`;
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`${msg} REQUIRE_POSTGRES=1: refusing to run without it.`);
    console.warn(`\n*** ${msg}\n*** Running the SQLite suite only. Set TEST_POSTGRES_URL to test PostgreSQL too.\n`);
  }
  // test/unit needs no database (config, policies, log redaction, returnTo): it runs once, in the `unit` project
  const common = {
    include: ['test/**/*.test.ts'],
    // test/stress runs in `npm run test:stress` (vitest.stress.config.ts), not in `npm test`
    exclude: ['test/e2e/**', 'test/unit/**', 'test/stress/**', '**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // files share their worker's modules instead of importing the whole server afresh each (about
    // 1.5 s a file): every file builds its own app, database and clock, and no test mocks a module
    isolate: false,
  };
  const unit = { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000, isolate: false } };
  const browserProblem = existsSync(CHROMIUM) ? null : `Chromium is not at ${CHROMIUM}`;
  if (browserProblem) {
    if (process.env.REQUIRE_BROWSER === '1')
      throw new Error(`${browserProblem}. REQUIRE_BROWSER=1: refusing to run without the browser suite.`);
    console.warn(`\n*** ${browserProblem}: the browser suite does not run. Install Debian's chromium package.\n`);
  }
  // the dashboard in a real browser against the real server, once (not per database): files one at a time
  const browser = {
    test: {
      name: 'browser',
      include: ['test/e2e/**/*.test.ts'],
      globalSetup: ['test/e2e/global-setup.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      // a page settles in milliseconds on a quiet machine and in seconds on a busy CI runner
      expect: { poll: { timeout: 15_000, interval: 100 } },
    },
  };
  // a file named *.postgres.test.ts runs only in the postgres project, *.sqlite.test.ts only in the sqlite
  // one: a test that belongs to one database is left out of the other project instead of reported skipped there
  const sqliteOnly = { exclude: [...common.exclude, '**/*.postgres.test.ts'] };
  const postgresOnly = { exclude: [...common.exclude, '**/*.sqlite.test.ts'] };
  return {
    test: {
      projects: [
        unit,
        { test: { ...common, ...sqliteOnly, name: 'sqlite', env: { TEST_DB: 'sqlite' } } },
        ...(browserProblem ? [] : [browser]),
        ...(pgProblem
          ? []
          : [
              {
                test: {
                  ...common,
                  ...postgresOnly,
                  name: 'postgres',
                  env: { TEST_DB: 'postgres', TEST_POSTGRES_URL: POSTGRES_ADMIN_URL },
                },
              },
            ]),
      ],
    },
  };
});
