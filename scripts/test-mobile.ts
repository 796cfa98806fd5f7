import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMobilePackages, MOBILE, ROOT, seconds } from './expo.ts';

/**
 * `npm run test:mobile`: the iOS app's part of `npm test` — its screen tests (jest-expo against a
 * real server), the iOS build check, and the screenshots of its web build — after installing
 * mobile/'s packages when they are missing or stale. Every step runs even when one before it
 * failed; the summary names each, and the exit code is 1 when any failed.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A step's outcome: how many tests passed and failed (from the runner's JSON), how long, and whether it failed. */
export interface Outcome {
  name: string;
  ok: boolean;
  /** null when the step ran no test runner to count (or it ended before writing its counts) */
  counts: { passed: number; failed: number; skipped: number } | null;
  seconds: number;
  note?: string;
}

/** One step of the test command: a runner whose Jest-style JSON report (if any) is read for counts. */
export interface Step {
  name: string;
  command: string;
  args: (report: string) => string[];
  cwd?: string;
  /** the step counts as one test (no runner of its own) */
  single?: boolean;
  /** why the step cannot run here (and is reported as not run, which fails unless allowed) */
  unavailable?: () => string | null;
}

/** Runs a step with its output shown as it comes; resolves with its outcome. */
export async function runStep(step: Step): Promise<Outcome> {
  const started = Date.now();
  const why = step.unavailable?.();
  if (why) return { name: step.name, ok: false, counts: null, seconds: 0, note: `not run: ${why}` };
  const dir = mkdtempSync(join(tmpdir(), 'baseline-test-report-'));
  const report = join(dir, 'report.json');
  console.log(`\n━━ ${step.name}: ${step.command} ${step.args(report).join(' ')}\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(step.command, step.args(report), { cwd: step.cwd ?? ROOT, stdio: 'inherit' });
    child.once('error', () => resolve(1));
    child.once('exit', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)));
  });
  let counts: Outcome['counts'] = null;
  if (step.single) counts = { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  else if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8')) as Record<string, number>;
    counts = {
      passed: r.numPassedTests ?? 0,
      failed: r.numFailedTests ?? 0,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    };
  }
  rmSync(dir, { recursive: true, force: true });
  const ran = counts === null || counts.passed + counts.failed > 0;
  return {
    name: step.name,
    ok: code === 0 && ran,
    counts,
    seconds: (Date.now() - started) / 1000,
    note: ran ? undefined : 'ran no test',
  };
}

const bin = (dir: string, name: string) => join(dir, 'node_modules/.bin', name);

/** The steps of the app's part, in order. */
export const MOBILE_STEPS: Step[] = [
  {
    name: 'app screen tests (mobile/, jest-expo)',
    command: bin(MOBILE, 'jest'),
    args: (report) => ['--ci', '--json', `--outputFile=${report}`],
    cwd: MOBILE,
  },
  {
    name: 'iOS build check (expo export + prebuild)',
    command: process.execPath,
    args: () => ['--import', 'tsx', 'scripts/check-ios-build.ts'],
    single: true,
  },
  {
    name: 'app screenshots (web build in Chromium, 390×844)',
    command: bin(ROOT, 'vitest'),
    args: (report) => [
      'run',
      '--config',
      'mobile/test/screenshots/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    unavailable: () => (existsSync(CHROMIUM) ? null : `Chromium is not at ${CHROMIUM} (apt-get install chromium)`),
  },
];

/**
 * Prints one line per step and the totals as `tests: N passed, N failed, N skipped` (the iOS
 * build check counts as one test); returns whether everything passed. A step that could not
 * run fails the command, except the screenshots without Chromium when REQUIRE_BROWSER is not 1
 * — said out loud, as the dashboard's browser suite does.
 */
export function summarize(title: string, outcomes: Outcome[]): boolean {
  console.log(`\n━━ ${title}`);
  const total = { passed: 0, failed: 0, skipped: 0 };
  let ok = true;
  for (const o of outcomes) {
    const excused = !o.ok && o.note?.startsWith('not run: Chromium') && process.env.REQUIRE_BROWSER !== '1';
    if (!o.ok && !excused) ok = false;
    if (o.counts) {
      total.passed += o.counts.passed;
      total.failed += o.counts.failed;
      total.skipped += o.counts.skipped;
    } else if (!o.ok && !excused) total.failed += 1;
    const counts = o.counts ? `${o.counts.passed} passed, ${o.counts.failed} failed, ${o.counts.skipped} skipped` : '';
    const mark = o.ok ? '✓' : excused ? '!' : '✗';
    console.log(`  ${mark} ${o.name.padEnd(50)} ${counts.padEnd(36)} ${o.seconds.toFixed(1).padStart(6)} s`);
    if (o.note) console.log(`      ${o.note}${excused ? ' — skipped (REQUIRE_BROWSER=1 makes this fail)' : ''}`);
  }
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return ok;
}

/** Installs mobile/'s packages if needed, then runs the app's steps; returns their outcomes. */
export async function runMobile(): Promise<Outcome[]> {
  const started = Date.now();
  ensureMobilePackages();
  console.log(`mobile/ packages ready (${seconds(started)})`);
  const outcomes: Outcome[] = [];
  for (const step of MOBILE_STEPS) outcomes.push(await runStep(step));
  return outcomes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outcomes = await runMobile();
  process.exitCode = summarize('npm run test:mobile', outcomes) ? 0 : 1;
}
