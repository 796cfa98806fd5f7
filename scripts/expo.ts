import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the iOS app's checks share: where mobile/ is, its own packages (mobile/ is a package
 * of its own, so the server's `npm ci` never pulls React Native's ~500 MB), and how Expo's CLI
 * is run here — offline, without telemetry, never asking a question.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const MOBILE = join(ROOT, 'mobile');

/**
 * Installs mobile/'s packages with `npm ci` when mobile/node_modules is missing or older than
 * mobile/package-lock.json (npm stamps node_modules/.package-lock.json at each install), so a
 * fresh clone and a changed lockfile both get the packages the lockfile names. Throws when the
 * install fails: nothing is skipped quietly.
 */
export function ensureMobilePackages(log: (line: string) => void = console.log): void {
  const stamp = join(MOBILE, 'node_modules/.package-lock.json');
  const lock = join(MOBILE, 'package-lock.json');
  const why = !existsSync(stamp)
    ? 'mobile/node_modules is missing'
    : statSync(stamp).mtimeMs < statSync(lock).mtimeMs
      ? 'mobile/package-lock.json is newer than mobile/node_modules'
      : null;
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
