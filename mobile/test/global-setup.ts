/**
 * Starts the real Baseline server (README's `node --import tsx server/main.ts`, from the
 * repository root) on a fresh SQLite database in a temporary folder, makes its first admin
 * through /setup, and hands the address and the admin's credentials to the screen tests.
 * Invites are required, as on a fresh install.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** Where `npm test` keeps the run's logs and the secrets its tests used (scripts/check-log-secrets.ts greps them). */
const LOG_DIR = process.env.TEST_LOG_DIR || join(ROOT, 'test-results', 'logs');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-mobile-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const setupToken = `setup-${randomBytes(12).toString('hex')}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: `sqlite:${join(dir, 'baseline.db')}`,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SETUP_TOKEN: setupToken,
      REQUIRE_INVITE: 'true',
      // one test phone signs in and checks invite codes far more often than a person would
      RATE_LIMITS: 'off',
      // as in production: its output is kept for the check that no secret reaches a log
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(LOG_DIR, { recursive: true });
  const keep = (stream: string) => (d: Buffer) => {
    log += d;
    appendFileSync(join(LOG_DIR, `mobile-server-${stream}-${process.pid}.log`), d);
  };
  child.stdout.on('data', keep('stdout'));
  child.stderr.on('data', keep('stderr'));
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the Baseline server exited at start:\n${log}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (tries > 600) throw new Error(`the Baseline server did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = { username: 'ada', password: 'correct horse battery staple' };
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ setupToken, ...admin }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const secrets = [
    { kind: 'setupToken', value: setupToken },
    { kind: 'password', value: admin.password },
    { kind: 'accessToken', value: ((await setup.json()) as { accessToken: string }).accessToken },
  ];
  appendFileSync(
    join(LOG_DIR, `secrets-mobile-${process.pid}.txt`),
    secrets.map((x) => JSON.stringify(x) + '\n').join(''),
  );

  process.env.BASELINE_TEST_SERVER = url;
  process.env.BASELINE_TEST_ADMIN = JSON.stringify(admin);
  (globalThis as { __baselineServer?: unknown }).__baselineServer = { child, dir };
}
