import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { processLogFile } from './log-capture.ts';
import { freePort } from './ports.ts';
import { recordFetchSecrets, recordSecret } from './secret-recorder.ts';

// what tests send to these servers over HTTP, and get back, is recorded (see secret-recorder.ts)
recordFetchSecrets();

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One data encryption key for every server a test run starts, so no key file is written into the checkout. */
const DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

/** How a server process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The real server as its own process (`node --import tsx server/main.ts`, README's command), for signals. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** its stdout and stderr so far, for a failing test's message */
  output(): string;
  /** resolves when the process has ended, however */
  exited: Promise<Exit>;
  /** SIGTERM, then waits for the end */
  stop(): Promise<Exit>;
}

/**
 * Starts the server on a free port over the given database (its migrations run at start, as in
 * production) and resolves once /healthz answers. Rate limits are off (the tests send bursts
 * from one address) and sign-ups open; `env` adds or overrides. `args` are node's: the
 * TypeScript through tsx unless a test runs something else (the built bundle of `npm start`).
 * It logs at `info`, as in production, and its output goes into a file under test-results/logs/
 * too; its secrets (setup token, encryption key, any *TOKEN, *SECRET, *KEY or *PASSWORD in
 * `env`) are recorded, for scripts/check-log-secrets.ts.
 */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  args: string[] = ['--import', 'tsx', 'server/main.ts'],
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const own = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATABASE_URL: databaseUrl,
    SETUP_TOKEN: `setup-${randomBytes(12).toString('hex')}`,
    DATA_ENCRYPTION_KEY,
    RATE_LIMITS: 'off',
    REQUIRE_INVITE: 'false',
    LOG_LEVEL: 'info',
    ...env,
  };
  for (const [name, value] of Object.entries(own))
    if (/TOKEN|SECRET|KEY|PASSWORD/.test(name)) recordSecret(name, value);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...own },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [keepOut, keepErr] = [processLogFile('server-stdout'), processLogFile('server-stderr')];
  // a test that times out between two starts must not leave a server behind
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  child.stdout?.on('data', (d: Buffer) => ((log += d), keepOut(d)));
  child.stderr?.on('data', (d: Buffer) => ((log += d), keepErr(d)));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited at start:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (tries > 600) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => log,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Signs in over HTTP and returns the access token. */
export async function signIn(server: { url: string }, username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
