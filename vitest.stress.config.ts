import { defineConfig } from 'vitest/config';
import { POSTGRES_ADMIN_URL, postgresReachable } from './vitest.config.ts';

/**
 * `npm run test:stress`: every file in test/stress/ on both databases (a *.sqlite.test.ts or
 * *.postgres.test.ts file on that one only), like the API suite (same per-file databases from
 * test/helpers/global-setup.ts), with the time a long run needs. A new stress test is a file
 * dropped there. Without PostgreSQL the run warns and runs SQLite only —
 * unless REQUIRE_POSTGRES=1 (CI), where it fails.
 */
export default defineConfig(async () => {
  const pgProblem = await postgresReachable();
  if (pgProblem) {
    const msg = `PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable (${pgProblem}).`;
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`${msg} REQUIRE_POSTGRES=1: refusing to run without it.`);
    console.warn(`\n*** ${msg}\n*** Running the SQLite stress tests only.\n`);
  }
  const common = {
    include: ['test/stress/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  };
  // as in vitest.config.ts: *.postgres.test.ts runs only in the postgres project, *.sqlite.test.ts only in the
  // sqlite one, so a test that belongs to one database is not reported skipped on the other
  const sqliteOnly = { exclude: [...common.exclude, '**/*.postgres.test.ts'] };
  const postgresOnly = { exclude: [...common.exclude, '**/*.sqlite.test.ts'] };
  return {
    test: {
      projects: [
        { test: { ...common, ...sqliteOnly, name: 'sqlite', env: { TEST_DB: 'sqlite' } } },
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
