import ms from 'ms';
import { parseBase64Key } from './lib/crypto.ts';

/** Validated runtime configuration: the environment table of API.md "Running". */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  requireInvite: boolean;
  setupToken: string | undefined;
  accessTokenTtlMs: number;
  limitedAccessTokenTtlMs: number;
  /** REFRESH_TOKEN_TTL: a session's absolute lifetime from its sign-in, however often it is refreshed */
  refreshTokenTtlMs: number;
  /** REFRESH_IDLE_TTL: a session not refreshed for this long ends (each refresh moves its end this far ahead) */
  refreshIdleTtlMs: number;
  /**
   * How long a just-rotated refresh token may be presented again and get the same successor:
   * two browser tabs refreshing at once must not read as theft. 0 turns the grace off.
   */
  refreshReuseGraceMs: number;
  google: { clientIds: string[]; clientSecret: string | undefined; issuer: string };
  apple: { clientIds: string[]; issuer: string };
  dataEncryptionKey: Buffer | undefined;
  redisUrl: string | undefined;
  rateLimits: boolean;
  logLevel: string;
  /** LOG_FORMAT: json or pretty (readable lines); unset: pretty on a terminal, JSON otherwise */
  logFormat: 'json' | 'pretty' | undefined;
  /** behind a reverse proxy: whose X-Forwarded-For to believe (rate limits and logs key on the client address) */
  trustProxy: boolean | number | string[];
  /** the built dashboard to serve, when it was built somewhere else than web/dist */
  webRoot: string | undefined;
  /**
   * APPLE_TEAM_ID and IOS_BUNDLE_ID, set together or not at all: the iOS app this server vouches
   * for in /.well-known/apple-app-site-association (invite links open the app, saved passwords
   * are offered in it). Unset, that path is a 404 like any unknown one.
   */
  iosApp: { teamId: string; bundleId: string } | undefined;
  /** METRICS_TOKEN: when set, GET /metrics needs `Authorization: Bearer <it>` */
  metricsToken: string | undefined;
  /** METRICS_PORT: when set, /metrics is served on this port (same HOST) and not on the public one */
  metricsPort: number | undefined;
  /**
   * Load shedding: above either threshold, requests are answered 503 service_unavailable with
   * Retry-After instead of queueing until everything times out. 0 turns a threshold off.
   */
  overload: {
    /** OVERLOAD_EVENT_LOOP_DELAY: event-loop delay (ms) above which requests are shed */
    maxEventLoopDelayMs: number;
    /** OVERLOAD_MEMORY_MB: resident memory (MiB) above which requests are shed */
    maxRssBytes: number;
  };
}

/** Thrown for a wrong environment value; main.ts prints its message as the one line. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function bad(name: string, why: string, value: string): never {
  throw new ConfigError(`Invalid configuration: ${name} ${why} (got "${value}")`);
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) bad(name, `must be a whole number from ${min} to ${max}`, raw);
  const n = Number(raw);
  if (n < min || n > max) bad(name, `must be a whole number from ${min} to ${max}`, raw);
  return n;
}

function readBool(env: Env, name: string, fallback: boolean, yes = 'true', no = 'false'): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (v === yes) return true;
  if (v === no) return false;
  return bad(name, `must be "${yes}" or "${no}"`, raw);
}

function readDuration(env: Env, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const value = parseDuration(raw);
  if (!Number.isFinite(value) || value < 1000)
    bad(name, 'must be a duration such as 900s, 15m, 12h or 30d (at least 1s)', raw);
  return value;
}

/** Accepts "15m", "30d", "3600s", "1h"; a bare number is read as seconds so that "900" is not 900 ms. */
function parseDuration(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) * 1000 : /^\d+\s*(ms|s|m|h|d|w)$/.test(raw) ? ms(raw as ms.StringValue) : NaN;
}

/**
 * REFRESH_REUSE_GRACE: 0 (off) to 60 s. Longer would let a stolen, already-used token keep
 * working for longer than two tabs racing ever need.
 */
function readGrace(env: Env): number {
  const raw = env.REFRESH_REUSE_GRACE || '10s';
  const value = parseDuration(raw);
  if (!Number.isFinite(value) || value > 60_000)
    bad('REFRESH_REUSE_GRACE', 'must be a duration from 0s to 60s, such as 10s', raw);
  return value;
}

function readUrl(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad(name, 'must be a URL', raw);
  }
  if (!protocols.includes(url.protocol))
    bad(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`, raw);
  return raw.replace(/\/+$/, '');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function readIssuer(env: Env, name: string, fallback: string): string {
  const value = readUrl(env, name, fallback, ['https:', 'http:']);
  const url = new URL(value);
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    bad(name, 'must be https unless its host is a loopback address', value);
  return value;
}

function readList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readDatabaseUrl(env: Env): string {
  const raw = env.DATABASE_URL || 'sqlite:./data/baseline.db';
  if (raw.startsWith('sqlite:')) {
    if (raw.length === 'sqlite:'.length) bad('DATABASE_URL', 'needs a file path after "sqlite:"', raw);
    return raw;
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      bad('DATABASE_URL', 'is not a valid postgres:// URL', raw.replace(/:[^:@/]*@/, ':***@'));
    }
    return raw;
  }
  return bad('DATABASE_URL', 'must be sqlite:PATH or postgres://…', raw.replace(/:[^:@/]*@/, ':***@'));
}

function readKey(env: Env): Buffer | undefined {
  const raw = env.DATA_ENCRYPTION_KEY;
  if (!raw) return undefined;
  const key = parseBase64Key(raw);
  if (!key) {
    throw new ConfigError(
      'Invalid configuration: DATA_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
    );
  }
  return key;
}

/** TRUST_PROXY: false (default), true, a number of proxy hops, or a comma list of proxy addresses/CIDRs. */
function readTrustProxy(env: Env): boolean | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a))) return list;
  return bad(
    'TRUST_PROXY',
    'must be false, true, a number of proxy hops, or a comma-separated list of proxy addresses',
    raw,
  );
}

/**
 * APPLE_TEAM_ID (10 capital letters or digits, as Apple's developer account shows it) and
 * IOS_BUNDLE_ID (reverse DNS, at least two segments): iOS checks the app id TEAM.BUNDLE against
 * the app's signature, so one without the other could only publish a wrong association.
 */
function readIosApp(env: Env): Config['iosApp'] {
  const teamId = env.APPLE_TEAM_ID || undefined;
  const bundleId = env.IOS_BUNDLE_ID || undefined;
  if (teamId !== undefined && !/^[A-Z0-9]{10}$/.test(teamId))
    bad('APPLE_TEAM_ID', 'must be exactly 10 capital letters A-Z or digits 0-9, such as A1B2C3D4E5', teamId);
  if (bundleId !== undefined && !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(bundleId))
    bad(
      'IOS_BUNDLE_ID',
      'must be a reverse-DNS bundle id such as org.example.baseline (letters, digits, "-", ".")',
      bundleId,
    );
  if (teamId === undefined && bundleId === undefined) return undefined;
  if (bundleId === undefined)
    throw new ConfigError('Invalid configuration: IOS_BUNDLE_ID is missing: set it together with APPLE_TEAM_ID');
  if (teamId === undefined)
    throw new ConfigError('Invalid configuration: APPLE_TEAM_ID is missing: set it together with IOS_BUNDLE_ID');
  return { teamId, bundleId };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks every variable; throws ConfigError naming the first wrong one. */
export function loadConfig(env: Env = process.env): Config {
  const port = readInt(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) bad('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`, logLevel);
  const setupToken = env.SETUP_TOKEN || undefined;
  if (setupToken !== undefined && setupToken.length < 16) {
    throw new ConfigError('Invalid configuration: SETUP_TOKEN must be at least 16 characters');
  }
  return {
    port,
    host,
    databaseUrl: readDatabaseUrl(env),
    publicUrl: readUrl(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']),
    requireInvite: readBool(env, 'REQUIRE_INVITE', true),
    setupToken,
    accessTokenTtlMs: readDuration(env, 'ACCESS_TOKEN_TTL', '15m'),
    limitedAccessTokenTtlMs: readDuration(env, 'LIMITED_ACCESS_TOKEN_TTL', '5m'),
    refreshTokenTtlMs: readDuration(env, 'REFRESH_TOKEN_TTL', '30d'),
    refreshIdleTtlMs: readDuration(env, 'REFRESH_IDLE_TTL', '14d'),
    refreshReuseGraceMs: readGrace(env),
    google: {
      clientIds: readList(env, 'GOOGLE_CLIENT_ID'),
      clientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
      issuer: readIssuer(env, 'GOOGLE_ISSUER', 'https://accounts.google.com'),
    },
    apple: {
      clientIds: readList(env, 'APPLE_CLIENT_ID'),
      issuer: readIssuer(env, 'APPLE_ISSUER', 'https://appleid.apple.com'),
    },
    dataEncryptionKey: readKey(env),
    redisUrl: env.REDIS_URL ? readUrl(env, 'REDIS_URL', '', ['redis:', 'rediss:']) : undefined,
    rateLimits: readBool(env, 'RATE_LIMITS', true, 'on', 'off'),
    logLevel,
    logFormat: readLogFormat(env),
    trustProxy: readTrustProxy(env),
    webRoot: env.WEB_ROOT || undefined,
    iosApp: readIosApp(env),
    metricsToken: readMetricsToken(env),
    metricsPort: env.METRICS_PORT ? readInt(env, 'METRICS_PORT', 0, 1, 65535) : undefined,
    overload: {
      maxEventLoopDelayMs: readInt(env, 'OVERLOAD_EVENT_LOOP_DELAY', 1000, 0, 60_000),
      maxRssBytes: readInt(env, 'OVERLOAD_MEMORY_MB', 0, 0, 1_048_576) * 1024 * 1024,
    },
  };
}

/** LOG_FORMAT: how log lines look, when the terminal-or-not guess is wrong (a pager, a test). */
function readLogFormat(env: Env): Config['logFormat'] {
  const raw = env.LOG_FORMAT || undefined;
  if (raw !== undefined && raw !== 'json' && raw !== 'pretty') bad('LOG_FORMAT', 'must be json or pretty', raw);
  return raw;
}

/** METRICS_TOKEN: a bearer secret for /metrics; short ones are refused, as they could be guessed. */
function readMetricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN || undefined;
  if (raw !== undefined && raw.length < 16)
    throw new ConfigError('Invalid configuration: METRICS_TOKEN must be at least 16 characters');
  return raw;
}
