import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the iOS app's checks share: where mobile/ is, its own packages (mobile/ is a package
 * of its own, so the server's `npm ci` never pulls React Native's ~500 MB), and how Expo's CLI
 * is run here — offline, without telemetry, never asking a question.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const MOBILE = join(ROOT, 'mobile');

type Lock = { packages?: Record<string, { version?: string; optional?: boolean }> };

/**
 * Why mobile/node_modules does not hold what mobile/package-lock.json names, or null when it
 * does. npm records what it installed in node_modules/.package-lock.json; every package of the
 * lockfile must be there at its version, except optional ones for other platforms (fsevents,
 * another system's lightningcss) that npm leaves out. Contents, not file times: a checkout
 * that touches an unchanged lockfile installs nothing, a changed one always installs.
 */
export function mobilePackagesStale(): string | null {
  const installed = join(MOBILE, 'node_modules/.package-lock.json');
  if (!existsSync(installed)) return 'mobile/node_modules is missing';
  const want = (JSON.parse(readFileSync(join(MOBILE, 'package-lock.json'), 'utf8')) as Lock).packages ?? {};
  const have = (JSON.parse(readFileSync(installed, 'utf8')) as Lock).packages ?? {};
  const differ = Object.entries(want).filter(
    ([path, entry]) => path !== '' && !entry.optional && have[path]?.version !== entry.version,
  );
  if (!differ.length) return null;
  const [path, entry] = differ[0]!;
  return `mobile/node_modules differs from mobile/package-lock.json (${differ.length} packages, e.g. ${path} ${have[path]?.version ?? 'missing'} → ${entry.version})`;
}

/**
 * Installs mobile/'s packages with `npm ci` when mobile/node_modules is missing or differs
 * from mobile/package-lock.json, so a fresh clone and a changed lockfile both get the
 * packages the lockfile names. Throws when the install fails: nothing is skipped quietly.
 */
export function ensureMobilePackages(log: (line: string) => void = console.log): void {
  const why = mobilePackagesStale();
  if (!why) return;
  log(`${why}: npm ci in mobile/ …`);
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: MOBILE, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci in mobile/ failed (exit ${result.status ?? result.signal})`);
  log(`mobile/ packages installed in ${seconds(started)}`);
}

/**
 * The environment Expo's CLI runs in for a check: offline (no version look-ups), no telemetry,
 * CI=1 (no prompts, no watch), and none of the caller's BASELINE_* or EXPO_PUBLIC_* variables —
 * a check builds with the values it names in `extra`, whatever the shell had set.
 */
export function expoEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, EXPO_OFFLINE: '1', EXPO_NO_TELEMETRY: '1', CI: '1', ...extra };
  for (const key of Object.keys(env))
    if ((key.startsWith('BASELINE_') || key.startsWith('EXPO_PUBLIC_')) && !(key in extra)) delete env[key];
  return env;
}

/** Runs mobile/'s own `expo` CLI in `cwd`; resolves with its output, rejects with it (and the exit) on failure. */
export function runExpo(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const expo = join(MOBILE, 'node_modules/.bin/expo');
  if (!existsSync(expo)) throw new Error(`${expo} is missing: run \`npm ci\` in mobile/ (npm run test:mobile does)`);
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(expo, args, {
      cwd: options.cwd ?? MOBILE,
      env: options.env ?? expoEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`expo ${args.join(' ')} failed (exit ${code ?? signal}):\n${output}`)),
    );
  });
}

/** Seconds since `started` (a Date.now()), for the timings the checks print. */
export function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
