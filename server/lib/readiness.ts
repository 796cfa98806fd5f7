import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { Redis } from './redis.ts';

/**
 * One dependency's state, as /readyz and `baseline doctor` report it: `reason` says in plain words
 * what failed. It never carries a connection string or an address, since /readyz is public.
 */
export interface CheckResult {
  ok: boolean;
  reason?: string;
}

/**
 * How long a readiness check waits for its dependency. A probe answers within about this long even
 * when the database or Redis hangs; set the load balancer's probe timeout above it (3 s or more).
 */
export const CHECK_TIMEOUT_MS = 2000;

/** Rejected by withTimeout: the dependency did not answer in time (it may still be working). */
export class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * The work's result, or a CheckTimeout after `ms`: a hung connection must not hang the caller. The
 * work itself is not cancelled (neither pg nor ioredis can cancel a sent command); it ends on its own.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Error codes of node, PostgreSQL and SQLite that have plain words. */
const PLAIN_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens at that address)',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  EACCES: 'permission denied',
  '28P01': 'password authentication failed',
  '28000': 'authentication refused by the server (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '57P03': 'the database is starting up or does not accept connections',
  '53300': 'too many connections',
  '42P01': 'the tables are missing (the database is not migrated)',
  SQLITE_CANTOPEN: 'the SQLite file cannot be opened',
  SQLITE_NOTADB: 'the file is not an SQLite database',
  SQLITE_CORRUPT: 'the SQLite file is corrupt',
  SQLITE_BUSY: 'the SQLite file is locked by another process',
  SQLITE_READONLY: 'the SQLite file is read-only',
  SQLITE_ERROR: 'SQLite error (is the database migrated?)',
};

/** Removes `user:password@` from any URL in a message: the reason is shown to whoever asks. */
export function stripCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/**
 * A failure in a few plain words. Known codes are named; anything else gives its message,
 * without credentials and cut short. Addresses in node's own messages are left out with the code.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof CheckTimeout) return err.message;
  const e = err as { code?: unknown; errors?: unknown[]; message?: unknown; cause?: unknown };
  // fetch's "fetch failed" has the reason as its cause
  if (e.cause && typeof e.cause === 'object' && !e.code) return describeFailure(e.cause);
  // node's "connect ECONNREFUSED" for localhost is an AggregateError of one error per address
  const inner = Array.isArray(e.errors) && e.errors.length > 0 ? (e.errors[0] as { code?: unknown }) : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof inner?.code === 'string' ? inner.code : undefined;
  if (code && PLAIN_WORDS[code]) return PLAIN_WORDS[code];
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  const words = stripCredentials(message).slice(0, 200);
  return code ? `${words} (${code})` : words;
}

/**
 * The database answers a read of a real table (Kysely's migration table): on SQLite `select 1`
 * would not even touch the file. Timed out after `ms`, as a pool waiting for a free connection
 * or a table lock can leave a query hanging.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function checkDatabase(db: Kysely<any>, ms = CHECK_TIMEOUT_MS): Promise<CheckResult> {
  try {
    await withTimeout(sql`select 1 from ${sql.table(DEFAULT_MIGRATION_TABLE)} limit 1`.execute(db), ms);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: describeFailure(err) };
  }
}

/** The last connection error each Redis client reported, so a failed PING can say why. */
const lastRedisError = new WeakMap<Redis, unknown>();

/**
 * Starts remembering a Redis client's connection errors, for checkRedis to name the cause. Called
 * when /readyz is set up, so the cause is known at the first probe. Idempotent.
 */
export function watchRedisErrors(redis: Redis): void {
  if (lastRedisError.has(redis)) return;
  lastRedisError.set(redis, undefined);
  redis.on('error', (err: unknown) => lastRedisError.set(redis, err));
  redis.on('ready', () => lastRedisError.set(redis, undefined));
}

/**
 * Redis answers PING within `ms`; a Redis that accepts connections and never replies counts as down.
 * While ioredis is reconnecting, the reason is its last connection error (a refused port, a wrong
 * password), not the "max retries" of the PING itself.
 */
export async function checkRedis(redis: Redis, ms = CHECK_TIMEOUT_MS): Promise<CheckResult> {
  watchRedisErrors(redis);
  try {
    const answer = await withTimeout(redis.ping(), ms);
    return answer === 'PONG' ? { ok: true } : { ok: false, reason: `unexpected answer to PING: ${answer}` };
  } catch (err) {
    const cause = lastRedisError.get(redis);
    if (err instanceof CheckTimeout || cause === undefined || redis.status === 'ready')
      return { ok: false, reason: describeFailure(err) };
    return { ok: false, reason: `not connected: ${describeFailure(cause)}` };
  }
}
