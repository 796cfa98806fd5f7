import ms from 'ms';
import type { Config } from '../config.ts';

type Env = Record<string, string | undefined>;

/** Variables whose values are secrets: doctor says whether they are set, never what they are. */
export const SECRET_VARIABLES = [
  'DATA_ENCRYPTION_KEY',
  'NEW_DATA_ENCRYPTION_KEY',
  'SETUP_TOKEN',
  'GOOGLE_CLIENT_SECRET',
  'METRICS_TOKEN',
];

/** Variables holding a URL that may carry a password (user:password@host, ?password=). */
const URL_VARIABLES = ['DATABASE_URL', 'REDIS_URL'];

/** A URL with its password (and a `password` query parameter) replaced by ***; anything unparsable is hidden whole. */
export function maskUrl(raw: string): string {
  if (raw.startsWith('sqlite:')) return raw;
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()])
      if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return '*** (not a valid URL)';
  }
}

const duration = (value: number) => (value === 0 ? '0 (off)' : ms(value));
const list = (values: string[]) => (values.length ? values.join(',') : '(none)');
const secret = (value: unknown) => (value === undefined ? '(not set)' : '******** (set)');

/**
 * Every variable doctor shows, with its effective value as the server reads it (defaults applied).
 * Secrets show as set or not; URLs without their password. The same variables as README's
 * Configuration table: test/unit/doctor-settings.test.ts fails when one is missing here.
 */
export const SETTINGS: [string, (c: Config) => string][] = [
  ['PORT', (c) => String(c.port)],
  ['HOST', (c) => c.host],
  ['PUBLIC_URL', (c) => c.publicUrl],
  ['DATABASE_URL', (c) => maskUrl(c.databaseUrl)],
  ['REDIS_URL', (c) => (c.redisUrl ? maskUrl(c.redisUrl) : '(not set: rate limits count per process)')],
  ['DATA_ENCRYPTION_KEY', (c) => (c.dataEncryptionKey ? '******** (set)' : '(not set: the key file is used)')],
  ['SETUP_TOKEN', (c) => secret(c.setupToken)],
  ['REQUIRE_INVITE', (c) => String(c.requireInvite)],
  ['ACCESS_TOKEN_TTL', (c) => duration(c.accessTokenTtlMs)],
  ['LIMITED_ACCESS_TOKEN_TTL', (c) => duration(c.limitedAccessTokenTtlMs)],
  ['REFRESH_TOKEN_TTL', (c) => duration(c.refreshTokenTtlMs)],
  ['REFRESH_IDLE_TTL', (c) => duration(c.refreshIdleTtlMs)],
  ['REFRESH_REUSE_GRACE', (c) => duration(c.refreshReuseGraceMs)],
  ['GOOGLE_CLIENT_ID', (c) => list(c.google.clientIds)],
  ['GOOGLE_CLIENT_SECRET', (c) => secret(c.google.clientSecret)],
  ['GOOGLE_ISSUER', (c) => c.google.issuer],
  ['APPLE_CLIENT_ID', (c) => list(c.apple.clientIds)],
  ['APPLE_ISSUER', (c) => c.apple.issuer],
  ['APPLE_TEAM_ID', (c) => c.iosApp?.teamId ?? '(not set)'],
  ['IOS_BUNDLE_ID', (c) => c.iosApp?.bundleId ?? '(not set)'],
  ['RATE_LIMITS', (c) => (c.rateLimits ? 'on' : 'off')],
  ['TRUST_PROXY', (c) => (Array.isArray(c.trustProxy) ? c.trustProxy.join(',') : String(c.trustProxy))],
  ['LOG_LEVEL', (c) => c.logLevel],
  ['LOG_FORMAT', (c) => c.logFormat ?? '(not set: readable on a terminal, JSON otherwise)'],
  ['WEB_ROOT', (c) => c.webRoot ?? '(not set: web/dist)'],
  ['METRICS_TOKEN', (c) => secret(c.metricsToken)],
  ['METRICS_PORT', (c) => (c.metricsPort === undefined ? '(not set: /metrics on PORT)' : String(c.metricsPort))],
  [
    'OVERLOAD_EVENT_LOOP_DELAY',
    (c) => (c.overload.maxEventLoopDelayMs ? `${c.overload.maxEventLoopDelayMs} ms` : '0 (off)'),
  ],
  ['OVERLOAD_MEMORY_MB', (c) => (c.overload.maxRssBytes ? `${c.overload.maxRssBytes / 1048576} MiB` : '0 (off)')],
];

/** One line per variable, `NAME  value`, with "(default)" where the environment does not set it. */
export function describeSettings(config: Config, env: Env): string[] {
  const width = Math.max(...SETTINGS.map(([name]) => name.length));
  return SETTINGS.map(([name, show]) => {
    const fromDefault = env[name] === undefined || env[name] === '';
    const value = show(config);
    return `  ${name.padEnd(width)}  ${value}${fromDefault && !value.startsWith('(') ? '  (default)' : ''}`;
  });
}

/**
 * The environment as given, for when it does not load: the variables doctor knows, masked the same
 * way, so the wrong one can be seen next to the message naming it.
 */
export function describeRawSettings(env: Env): string[] {
  const width = Math.max(...SETTINGS.map(([name]) => name.length));
  return SETTINGS.map(([name]) => {
    const raw = env[name];
    const value =
      raw === undefined || raw === ''
        ? '(not set)'
        : SECRET_VARIABLES.includes(name)
          ? '******** (set)'
          : URL_VARIABLES.includes(name)
            ? maskUrl(raw)
            : raw;
    return `  ${name.padEnd(width)}  ${value}`;
  });
}

/**
 * Every secret doctor could meet, from the environment: the secret variables and the passwords
 * inside the URLs, raw and percent-decoded. The output is scrubbed of each as a last guard, so an
 * error message quoting a value (a driver's, or a configuration error) cannot print it.
 */
export function secretsOf(env: Env): string[] {
  const found = SECRET_VARIABLES.map((name) => env[name]).filter((v): v is string => !!v);
  for (const name of URL_VARIABLES) {
    const raw = env[name];
    if (!raw) continue;
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@/]*)@/i.exec(raw);
    if (match?.[1]) found.push(match[1], safeDecode(match[1]));
    try {
      for (const [key, value] of new URL(raw).searchParams) if (/pass|secret|token|key/i.test(key)) found.push(value);
    } catch {
      // not a URL: the configuration check says so
    }
  }
  return [...new Set(found.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The text with every given secret replaced by ***. */
export function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((out, s) => out.split(s).join('***'), text);
}
