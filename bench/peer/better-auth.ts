import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BETTER_AUTH_VERSION, ensureBetterAuthInstalled } from './better-auth.install.ts';
import { describePeerHashing, readPeerScryptParams } from './better-auth.hashing.ts';

export { hashCosts, describeOurHashing, type HashCost } from './better-auth.hashing.ts';

/** A running peer server, as the suite needs it to drive and sample it beside ours. */
export interface PeerServer {
  /** e.g. "better-auth 1.7.25" */
  name: string;
  /** base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** headers that make GET /api/auth/get-session return a real session (cookie) */
  sessionHeaders: Record<string, string>;
  /** JSON body of a correct POST /api/auth/sign-in/email for a seeded user */
  signInBody: string;
  /**
   * headers for that POST as a same-origin browser sends them (content-type, origin): Better
   * Auth's CSRF check refuses a sign-in that carries fetch metadata but no Origin with 403
   */
  signInHeaders: Record<string, string>;
  /** the password hashing it uses, as read from its installed source, e.g. "scrypt N=16384 r=16 p=1 dkLen=64 (32 MiB)" */
  hashing: string;
  /** the server's pid, so the suite can sample its CPU/RSS */
  pid: number;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./better-auth.server.mjs', import.meta.url));
const START_TIMEOUT_MS = 30_000;

const SEED = { name: 'Bench Person', email: 'bench@example.com', password: 'bench passphrase 1' };

/** Node's fetch sends `sec-fetch-mode: cors`, so Better Auth wants the Origin a browser would send. */
function jsonHeaders(url: string): Record<string, string> {
  return { 'content-type': 'application/json', origin: url };
}

async function postJson(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: jsonHeaders(url), body: JSON.stringify(body) });
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) {
    throw new Error(`peer: ${what} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
}

/**
 * Seeds one user through the peer's own sign-up endpoint, signs in to get its session cookie,
 * and proves that get-session with that cookie returns that user: a benchmark of a get-session
 * that answers `null` would measure the wrong thing.
 */
async function seedSession(url: string): Promise<Record<string, string>> {
  await expectOk(await postJson(url, '/api/auth/sign-up/email', SEED), 'sign-up/email');
  const signIn = await postJson(url, '/api/auth/sign-in/email', { email: SEED.email, password: SEED.password });
  await expectOk(signIn, 'sign-in/email');
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('peer: sign-in/email set no cookie');
  const sessionHeaders = { cookie };
  const session = await fetch(`${url}/api/auth/get-session`, { headers: sessionHeaders });
  await expectOk(session, 'get-session');
  const body = (await session.json()) as { user?: { email?: string } } | null;
  if (body?.user?.email !== SEED.email) {
    throw new Error(`peer: get-session with the sign-in cookie did not return the user: ${JSON.stringify(body)}`);
  }
  return sessionHeaders;
}

/**
 * Installs (cached, see better-auth.install.ts) and starts Better Auth on a fresh SQLite file in
 * a temp folder, in a child `node` process of its own (NODE_ENV=production, its rate limiter
 * off — see better-auth.server.mjs), seeds one user and signs it in. The caller must stop() it;
 * stop() also deletes the database folder.
 */
export async function startBetterAuth(options: { log: (line: string) => void }): Promise<PeerServer> {
  const { log } = options;
  const installDir = await ensureBetterAuthInstalled(log);
  const hashing = describePeerHashing(readPeerScryptParams());
  const dataDir = mkdtempSync(join(tmpdir(), 'baseline-bench-peer-db-'));
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'], // stdin stays open: the peer exits when it closes
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      BETTER_AUTH_TELEMETRY: '0',
      BA_INSTALL_DIR: installDir,
      BA_SQLITE_MODULE: createRequire(import.meta.url).resolve('better-sqlite3'),
      BA_DB_FILE: join(dataDir, 'better-auth.sqlite'),
    },
  });
  createInterface({ input: child.stderr }).on('line', (line) => log(`peer: ${line}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('peer: no port within 30 s')), START_TIMEOUT_MS);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`peer: server exited before listening (code ${code}, signal ${signal})`));
      });
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch {
          reject(new Error(`peer: unexpected first line on stdout: ${line}`));
        }
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const sessionHeaders = await seedSession(url);
    log(`peer: better-auth ${BETTER_AUTH_VERSION} listening on ${url} (pid ${child.pid}), ${hashing}`);
    return {
      name: `better-auth ${BETTER_AUTH_VERSION}`,
      url,
      sessionHeaders,
      signInBody: JSON.stringify({ email: SEED.email, password: SEED.password }),
      signInHeaders: jsonHeaders(url),
      hashing,
      pid: child.pid ?? 0,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
