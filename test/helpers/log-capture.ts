import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';

/**
 * The logs of a test run, kept so that scripts/check-log-secrets.ts can grep them for every
 * secret the tests used (issue 14). Apps built by createTestApp log at `info` with production's
 * logger settings into one file per vitest worker; server processes log into a file each.
 * Nothing here changes what the server logs: only where it goes.
 */

/**
 * test-results/logs/ of the checkout (gitignored): the run's logs and the secrets it used.
 * TEST_LOG_DIR puts them elsewhere (two runs at once in one checkout would otherwise mix them).
 */
export const LOG_DIR = process.env.TEST_LOG_DIR || fileURLToPath(new URL('../../test-results/logs/', import.meta.url));

/** This worker's name in file names: its database project and process id (one file per worker, never shared). */
export const WORKER = `${process.env.TEST_DB ?? 'run'}-${process.pid}`;

/** Empties test-results/logs/ once per vitest run (every project's global setup calls this; the first one acts). */
export function cleanLogDir(): void {
  if (process.env.BASELINE_LOG_DIR_CLEANED === '1') return;
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  process.env.BASELINE_LOG_DIR_CLEANED = '1';
}

let appLog: pino.DestinationStream | undefined;

/**
 * The destination every test app of this worker logs into: pino's asynchronous file stream,
 * buffered (4 KiB), so logging costs the tests a memory copy per line. pino flushes it when the
 * worker exits; TestApp.close flushes it too, so a file's lines are on disk when its tests end.
 */
export function appLogStream(): pino.DestinationStream {
  if (!appLog) {
    mkdirSync(LOG_DIR, { recursive: true });
    appLog = pino.destination({ dest: join(LOG_DIR, `app-${WORKER}.log`), sync: false, minLength: 4096 });
  }
  return appLog;
}

/** Writes what the worker's app log holds to disk; resolves when it is there. */
export async function flushAppLog(): Promise<void> {
  const stream = appLog as (pino.DestinationStream & { flush?: (cb: (err?: Error) => void) => void }) | undefined;
  if (!stream?.flush) return;
  await new Promise<void>((resolve) => stream.flush?.(() => resolve()));
}

/**
 * A log file for one server process (its stdout and stderr, as they come). Appended synchronously
 * chunk by chunk: the output arrives in the worker's event loop anyway, and a test that ends
 * right after stopping its server must not lose the last lines.
 */
export function processLogFile(name: string): (chunk: Buffer | string) => void {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = join(
    LOG_DIR,
    `${name}-${WORKER}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.log`,
  );
  return (chunk) => appendFileSync(file, chunk);
}
