import pinoPretty from 'pino-pretty';
import type { Config } from '../config.ts';

/** How log lines are written: one JSON object a line (machines), or pino-pretty's readable lines (people). */
export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT wins when set; otherwise a terminal gets readable lines and anything else (a pipe,
 * a file, journald, a container's log driver) gets JSON, which is what log collectors parse.
 */
export function chooseLogFormat(configured: Config['logFormat'], stdoutIsTerminal: boolean): LogFormat {
  return configured ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * Where the server's logger writes: undefined for pino's own JSON to stdout, or a pino-pretty
 * stream in the main thread. Not pino's `transport` option: that loads pino-pretty by name in a
 * worker thread, which the esbuild bundle (dist/server/main.mjs) cannot resolve; a stream is
 * bundled like any other import. Synchronous, so the last lines before an exit are not lost.
 */
export function logDestination(
  configured: Config['logFormat'],
  stdoutIsTerminal = process.stdout.isTTY === true,
): { write(line: string): void } | undefined {
  if (chooseLogFormat(configured, stdoutIsTerminal) === 'json') return undefined;
  return pinoPretty({
    sync: true,
    colorize: stdoutIsTerminal,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
}
