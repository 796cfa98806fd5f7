import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server.ts';
import { freePort } from '../helpers/ports.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** ANSI colour sequences, which pino-pretty writes on a terminal. */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
/** pino-pretty's line for the start: `[12:00:00.000] INFO: Server listening at http://…` */
const PRETTY_LISTENING = /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+/m;

/**
 * The server started as a person starts it in a terminal: under `script`, which gives it a
 * pseudo-terminal for stdout. Resolves with what it printed once it says it listens, then stops it.
 */
async function outputOnTerminal(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn('script', ['-qefc', 'exec node --import tsx server/main.ts', '/dev/null'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      RATE_LIMITS: 'off',
      LOG_FORMAT: '',
    },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const seen = (data: Buffer) => {
        output += data.toString();
        if (/Server listening/.test(output)) resolve();
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', () => reject(new Error(`the server exited:\n${output}`)));
    });
  } finally {
    // the whole group: script and the server under it
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return output.replace(ANSI, '').replace(/\r/g, '');
}

describe('log lines: readable on a terminal, JSON for machines', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baseline-log-format-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads as lines for a person when stdout is a terminal', { timeout: 60_000 }, async () => {
    const output = await outputOnTerminal(`sqlite:${join(dir, 'terminal.db')}`);
    expect(output).toMatch(PRETTY_LISTENING);
    expect(output).not.toContain('{"level":');
  });

  it('stays JSON when stdout is a pipe, and LOG_FORMAT=pretty overrides that', { timeout: 60_000 }, async () => {
    const json = await startServerProcess(`sqlite:${join(dir, 'pipe.db')}`, { LOG_LEVEL: 'info' });
    await json.stop();
    const listening = json
      .output()
      .split('\n')
      .find((line) => line.includes('Server listening'));
    expect(JSON.parse(listening!)).toMatchObject({ level: 30, msg: expect.stringMatching(/^Server listening at/) });

    const pretty = await startServerProcess(`sqlite:${join(dir, 'pretty.db')}`, {
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
    });
    await pretty.stop();
    expect(pretty.output()).toMatch(PRETTY_LISTENING);
  });

  it(
    'works in the esbuild bundle of npm start (pino-pretty in the main thread, not a worker)',
    { timeout: 90_000 },
    async () => {
      const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
      mkdirSync(dist, { recursive: true });
      const bundleDir = mkdtempSync(join(dist, 'test-log-bundle-'));
      try {
        await buildServer(join(bundleDir, 'main.mjs'));
        const server = await startServerProcess(
          `sqlite:${join(dir, 'bundle.db')}`,
          { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
          [join(bundleDir, 'main.mjs')],
        );
        expect((await server.stop()).code).toBe(0);
        expect(server.output()).toMatch(PRETTY_LISTENING);
      } finally {
        rmSync(bundleDir, { recursive: true, force: true });
      }
    },
  );
});
