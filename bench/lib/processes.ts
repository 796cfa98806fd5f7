import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_BUNDLE } from '../../scripts/build-server.ts';
import { freePort } from '../../test/helpers/ports.ts';

/** The repository root: the server is started from here, as README says. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A process started by the suite, with what it printed so far (for an error message). */
export interface Started {
  url: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** Ends a child: SIGTERM, then SIGKILL if it is still there after five seconds. */
function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
}

/** Polls `url` until it answers 200; rejects when the process ends first or after `timeoutMs`. */
export async function waitFor200(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What every Baseline process of one suite run shares. */
export interface BaselineEnv {
  databaseUrl: string;
  setupToken: string;
  dataEncryptionKey: string;
}

export function baselineEnv(databaseUrl: string): BaselineEnv {
  return {
    databaseUrl,
    setupToken: `bench-setup-${randomBytes(12).toString('hex')}`,
    dataEncryptionKey: randomBytes(32).toString('base64'),
  };
}

/** The environment of a Baseline process of the suite: rate limits off, warnings-only logs (as the issue asks). */
export function serverEnv(env: BaselineEnv, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: env.databaseUrl,
    SETUP_TOKEN: env.setupToken,
    DATA_ENCRYPTION_KEY: env.dataEncryptionKey,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
  };
}

/**
 * The real server, started the way `npm start` starts an installed one: `node
 * dist/server/main.mjs`, the bundle that npm start's prestart builds (run.ts builds it when
 * stale before the first start). Rate limits off and warnings-only logs, as the issue asks.
 * Resolves when GET /readyz answers 200, with the milliseconds from spawning the process to that
 * answer.
 */
export async function startBaseline(
  env: BaselineEnv,
  options: { cpuProfileDir?: string; extraEnv?: Record<string, string> } = {},
): Promise<Started & { startMs: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const execArgv = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...execArgv, SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...serverEnv(env, port), ...options.extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  try {
    await waitFor200(`${url}/readyz`, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${log}`, { cause: err });
  }
  const startMs = performance.now() - t0;
  return { url, child, pid: child.pid!, output: () => log, stop: stopper(child), startMs };
}

/** A bare Fastify server answering constant JSON, in its own process: the yardstick of every ratio. */
export async function startBare(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./bare-server.ts', import.meta.url))],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, child, pid: child.pid!, output: () => '', stop: stopper(child) };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}
