import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createInvite, expect, PASSWORD } from './lib/api.ts';
import { flameGraph, largestFirst } from './lib/flame.ts';
import { buildServerIfStale } from '../scripts/build-server.ts';
import type { Scenario, SuiteContext } from './lib/context.ts';
import { baselineEnv, ROOT, startBare, startBaseline, type Started } from './lib/processes.ts';
import { updateReadme, writeResults, type Row, type RunInfo } from './lib/report.ts';
import { freshPostgres, openBulkWriter } from './lib/seed.ts';
import { adminList, registrations } from './scenarios/accounts.ts';
import { deletion } from './scenarios/deletion.ts';
import { exportData } from './scenarios/export.ts';
import { login } from './scenarios/login.ts';
import { peer } from './scenarios/peer.ts';
import { startEmpty, startLarge } from './scenarios/start.ts';
import { checkIns, me } from './scenarios/throughput.ts';

/**
 * `npm run bench [-- --db postgres] [--only me,login] [--profile]`: the performance suite of
 * issue 13. Starts the real server on a fresh database, a bare Fastify server beside it, seeds
 * what each scenario needs and drives both over HTTP from this process; prints every row with its
 * target and writes bench/results/<db>.{md,json,svg} (a full run also refreshes README's table).
 * It never fails on a timing: a missed target is reported, not an error. It fails when a
 * scenario cannot run or a correctness check inside one breaks (e.g. an invite over-used).
 */
const SCENARIOS: Scenario[] = [
  startEmpty,
  me,
  checkIns,
  adminList,
  registrations,
  login,
  peer,
  deletion,
  exportData,
  startLarge,
];

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});
if (values.list) {
  for (const s of SCENARIOS) console.log(`${s.id.padEnd(14)} ${s.title}`);
  process.exit(0);
}
const db = values.db;
if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, not ${db}`);
const wanted = values.only?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
if (unknown.length) throw new Error(`no scenario ${unknown.join(', ')}; --list shows them`);
const chosen = SCENARIOS.filter((s) => !wanted || wanted.includes(s.id));

const log = (line: string) => console.log(line);
const started = new Date();
const dir = mkdtempSync(join(tmpdir(), 'baseline-bench-'));
const pgAdmin =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database =
  db === 'sqlite' ? { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => {} } : await freshPostgres(pgAdmin);
const env = baselineEnv(database.url);
const profileDir = values.profile ? join(dir, 'profiles') : undefined;

const rows: Row[] = [];
let server: Started | undefined;
let bare: Started | undefined;
let writer: ReturnType<typeof openBulkWriter> | undefined;
let failed = false;
try {
  log(`Baseline benchmark on ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${chosen.map((s) => s.id).join(', ')}`);
  // the server as npm start runs it: the bundle, built here when its sources changed (as prestart does)
  await buildServerIfStale(log);
  const first = await startBaseline(env, { cpuProfileDir: profileDir });
  server = first;
  bare = await startBare();
  writer = openBulkWriter(database.url);
  const shared: Record<string, number> = { firstStartMs: first.startMs };
  const ctx: SuiteContext = {
    db,
    env,
    server: first,
    bare,
    writer,
    adminToken: '',
    inviteCode: '',
    shared,
    profileDir,
    log,
    async restart() {
      await ctx.server.stop();
      const next = await startBaseline(env, { cpuProfileDir: profileDir });
      ctx.server = server = next;
      return next.startMs;
    },
  };
  for (const scenario of chosen) {
    // the empty-database start must come before the first account; everything else needs the admin
    if (scenario.id !== 'start-empty' && !ctx.adminToken) {
      const setup = await expect<{ accessToken: string }>(201, ctx.server.url, 'POST', '/api/v1/setup', {
        body: { setupToken: env.setupToken, username: 'bench-admin', password: PASSWORD },
      });
      ctx.adminToken = setup.accessToken;
      ctx.inviteCode = (await createInvite(ctx.server.url, ctx.adminToken, null)).code;
    }
    log(`\n— ${scenario.id}: ${scenario.title}`);
    const t0 = performance.now();
    try {
      const got = await scenario.run(ctx);
      for (const row of got)
        log(`  ${row.met === null ? ' ' : row.met ? '✓' : '✗'} ${row.scenario}: ${row.result} (target ${row.target})`);
      rows.push(...got);
    } catch (err) {
      failed = true;
      log(`  FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      rows.push({
        id: scenario.id,
        scenario: scenario.title,
        result: 'could not run (see the log)',
        target: '',
        met: false,
        data: { error: String(err) },
      });
    }
    log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  await server?.stop();
  await bare?.stop();
  await writer?.close();
  await database.drop();
  if (!profileDir) rmSync(dir, { recursive: true, force: true });
}

const info: RunInfo = {
  db,
  startedAt: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  command: `npm run bench${db === 'postgres' || wanted ? ' --' : ''}${db === 'postgres' ? ' --db postgres' : ''}${wanted ? ` --only ${wanted.join(',')}` : ''}`,
};
const paths = writeResults(info, rows, wanted ? `${db}-${wanted.join('+')}` : db);
const met = rows.filter((r) => r.met === true).length;
const missed = rows.filter((r) => r.met === false);
log(
  `\n${met} of ${rows.length} rows meet their target${missed.length ? `; missed: ${missed.map((r) => r.id).join(', ')}` : ''}.`,
);
log(`Results: ${paths.md}, ${paths.json}, ${paths.svg}`);
if (!wanted && !failed && updateReadme(info, rows)) log('README.md: the Performance table is updated.');
if (profileDir && existsSync(profileDir)) {
  // the longest-running server process of the run (restarts write small ones), as a flame graph and the raw profile
  const [main] = largestFirst(readdirSync(profileDir).map((f) => join(profileDir, f)));
  if (main) {
    const name = `profile-${db}-${(wanted ?? ['all']).join('+')}`;
    const base = join(ROOT, 'bench/results', name);
    copyFileSync(main, `${base}.cpuprofile`);
    writeFileSync(
      `${base}.svg`,
      flameGraph(main, `Baseline server CPU profile: ${chosen.map((s) => s.id).join(', ')} on ${db}`),
    );
    log(
      `CPU profile of the server: ${base}.svg (flame graph), ${base}.cpuprofile (open in Chrome DevTools or speedscope)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
log(`Total ${Math.round(info.seconds)} s.`);
process.exit(failed ? 1 : 0);
