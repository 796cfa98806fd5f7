/**
 * Starts the real Baseline server (README's `node --import tsx server/main.ts`, from the
 * repository root) on a fresh SQLite database in a temporary folder, makes its first admin
 * through /setup, and hands the address and the admin's credentials to the screen tests.
 * Invites are required, as on a fresh install.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

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
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
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

  process.env.BASELINE_TEST_SERVER = url;
  process.env.BASELINE_TEST_ADMIN = JSON.stringify(admin);
  (globalThis as { __baselineServer?: unknown }).__baselineServer = { child, dir };
}
