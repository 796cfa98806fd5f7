import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, DialectName } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { AccessTokens } from './lib/access-tokens.ts';
import { loadDataCipher } from './lib/data-encryption.ts';
import { loadFlowKey } from './lib/flow-cookie.ts';
import { Metrics } from './lib/metrics.ts';
import type { Redis } from './lib/redis.ts';
import { RefreshSuccessors } from './lib/refresh-successors.ts';
import type { UserRow } from './repositories/users.repository.ts';

/**
 * What the server's code logs through: pino's call shape (an object, then a message with
 * optional format arguments). Fastify's logger is one; the command line passes a silent one.
 */
export interface Log {
  info(obj: object, msg?: string, ...args: unknown[]): void;
  warn(obj: object, msg?: string, ...args: unknown[]): void;
  error(obj: object, msg?: string, ...args: unknown[]): void;
}

/** For the command line, which prints its own results and has no request log. */
export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

/** What services need from the running server; built once by createAppContext, passed explicitly. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dialect: DialectName;
  dataDir: string;
  clock: Clock;
  tokens: AccessTokens;
  /** derives each refresh token's successor (see refresh-successors.ts) */
  refreshSuccessors: RefreshSuccessors;
  log: Log;
  /** the shared Redis (REDIS_URL) of a serving process; the command line has none */
  redis?: Redis;
  /** this app's Prometheus counters (lib/metrics.ts): services count events through it, one line each */
  metrics: Metrics;
}

/**
 * What a step running inside a transaction may use: everything but the database handle, so
 * it cannot step outside the transaction by accident (on SQLite's single connection, a
 * deadlock). The transaction is passed beside it.
 */
export type InTransaction = Omit<AppContext, 'db'>;

/** Who is calling: loaded from the database on every authenticated request. */
export interface Actor {
  id: string;
  username: string;
  role: 'admin' | 'user';
  status: 'active' | 'disabled';
  sessionId: string;
  /**
   * The bearer token is a limited one (`lim`): its session began while the account was disabled
   * and never had a refresh token. Says nothing of the account's status now (that is `status`).
   */
  limitedToken: boolean;
  /** the whole user row as read for this request */
  user: UserRow;
}

/**
 * The one way to build an AppContext — the server (buildApp) and the command line both call it —
 * so that the secrets kept in the database are loaded the same way everywhere. They are sealed
 * with the data key (lib/signing-keys.ts, lib/sealed-secrets.ts); the command line, which signs
 * no token, refreshes no session and runs no Google flow, passes `issuesTokens: false` and so
 * never needs that key.
 */
export async function createAppContext(o: {
  config: Config;
  database: Database;
  clock: Clock;
  log: Log;
  issuesTokens?: boolean;
  redis?: Redis;
}): Promise<AppContext> {
  const { config, database, clock, log } = o;
  const lifetimes = { accessTtlMs: config.accessTokenTtlMs, limitedTtlMs: config.limitedAccessTokenTtlMs };
  const cipher = o.issuesTokens === false ? undefined : loadDataCipher({ config, dataDir: database.dataDir, log });
  const tokens = cipher
    ? await AccessTokens.load({ db: database.db, dialect: database.dialect, cipher, clock, lifetimes, log })
    : AccessTokens.unavailable(clock, lifetimes);
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    dataDir: database.dataDir,
    clock,
    tokens,
    refreshSuccessors: cipher
      ? await RefreshSuccessors.load(database.db, cipher, clock)
      : RefreshSuccessors.unavailable(),
    log,
    redis: o.redis,
    metrics: new Metrics(database),
  };
  // read (and a plain key of an earlier version replaced) at start, not at the first sign-in
  if (cipher) await loadFlowKey(ctx);
  return ctx;
}
