import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { sqliteFilePath, type Database } from '../db/database.ts';
import { migrationState } from '../db/migrate.ts';
import { KEY_FILE_NAME, keyIdOf, keyIdOfValue, readKeyFile } from '../lib/data-encryption.ts';
import { checkRedis, describeFailure, withTimeout } from '../lib/readiness.ts';
import { openRedis } from '../lib/redis.ts';
import { listSecrets } from '../repositories/secrets.repository.ts';

/** One line of doctor's verdict: what was checked, what is wrong, and the fix in words. */
export interface Finding {
  status: 'ok' | 'warn' | 'fail' | 'info';
  title: string;
  fix?: string;
}

/** How long doctor waits for the database, Redis or a provider: long enough for a slow link, short enough to wait for. */
export const DOCTOR_TIMEOUT_MS = 5000;

/** A check passed. */
export const ok = (title: string): Finding => ({ status: 'ok', title });
/** A check failed: doctor exits 1, and says the fix. */
export const fail = (title: string, fix: string): Finding => ({ status: 'fail', title, fix });
/** Works, but probably not as meant: said with the fix, does not fail doctor. */
export const warn = (title: string, fix: string): Finding => ({ status: 'warn', title, fix });

/** The SQLite file of DATABASE_URL, or undefined for PostgreSQL and in-memory SQLite. */
export function sqliteFile(config: Config): string | undefined {
  return sqliteFilePath(config.databaseUrl);
}

/**
 * Reachable, migrated, and not newer than this code. Reads only: doctor never migrates or
 * creates anything (a missing SQLite file is reported, not made).
 */
export async function checkDatabase(
  config: Config,
  database: Database | undefined,
  openError?: unknown,
): Promise<Finding[]> {
  const file = sqliteFile(config);
  if (!database && !openError)
    return [
      fail(
        `Database: the SQLite file ${file} does not exist`,
        'Start the server once: it creates the file and its tables. If the data is elsewhere, correct DATABASE_URL.',
      ),
    ];
  try {
    if (!database) throw openError;
    await withTimeout(sql`select 1`.execute(database.db), DOCTOR_TIMEOUT_MS);
  } catch (err) {
    const where = file ? `open the SQLite file ${file}` : 'reach PostgreSQL';
    const fix = file
      ? 'Check that the file is a Baseline database and that this user may read and write it and its folder.'
      : 'Start PostgreSQL, or correct the host, port, user, password and database name in DATABASE_URL.';
    return [fail(`Database: cannot ${where}: ${describeFailure(err)}`, fix)];
  }
  if (!database) return [];
  const state = await migrationState(database.db);
  const reached = ok(`Database: ${file ? `SQLite file ${file}` : 'PostgreSQL'} answers`);
  if (state.unknown.length > 0)
    return [
      reached,
      fail(
        `Database: newer than this version of Baseline (it has ${state.unknown.join(', ')}; ` +
          `this version knows up to ${state.known[state.known.length - 1]})`,
        'Run the newer version of Baseline, or restore a backup made before the upgrade.',
      ),
    ];
  if (state.pending.length > 0) {
    const what =
      state.pending.length === state.known.length
        ? 'no migration has run (an empty database)'
        : `${state.pending.length} of ${state.known.length} migrations not run (${state.pending.join(', ')})`;
    return [reached, fail(`Database: not migrated: ${what}`, 'Start the server: it migrates the database at start.')];
  }
  return [reached, ok(`Database: migrated (${state.known[state.known.length - 1]}, the latest this version knows)`)];
}

/** Redis (REDIS_URL) answers PING. Its own connection, closed after. */
export async function checkRedisOf(config: Config): Promise<Finding> {
  if (!config.redisUrl) return { status: 'info', title: 'Redis: not configured (REDIS_URL unset)' };
  const redis = openRedis(config.redisUrl);
  try {
    const result = await checkRedis(redis, DOCTOR_TIMEOUT_MS);
    if (result.ok) return ok('Redis: answers PING');
    return fail(
      `Redis: ${result.reason}`,
      'Start Redis, or correct the host, port and password in REDIS_URL. While Redis is down the server ' +
        'keeps serving and counts rate limits in the database.',
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * The data encryption key: DATA_ENCRYPTION_KEY, or the key file in the data folder — present,
 * mode 0600, owned by this user, holding a key — and the key the database's secrets were sealed with.
 */
export async function checkKey(config: Config, dataDir: string, database: Database | undefined): Promise<Finding[]> {
  const path = join(dataDir, KEY_FILE_NAME);
  const out: Finding[] = [];
  let key: Buffer | undefined = config.dataEncryptionKey;
  if (key) out.push(ok('Encryption key: DATA_ENCRYPTION_KEY is set (no key file is used)'));
  else {
    const st = statOrUndefined(path);
    if (!st) {
      out.push(
        warn(
          `Encryption key: no key file at ${path} yet`,
          'The server creates it at its first start; then back it up with the database. To keep it out of the ' +
            'data folder, set DATA_ENCRYPTION_KEY (openssl rand -base64 32) instead.',
        ),
      );
    } else {
      const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
      if ((st.mode & 0o077) !== 0)
        out.push(fail(`Encryption key: ${path} has mode ${mode}: other users can read it`, `chmod 600 ${path}`));
      const uid = process.getuid?.();
      if (uid !== undefined && st.uid !== uid)
        out.push(
          fail(
            `Encryption key: ${path} is owned by uid ${st.uid}, not by the user running this (uid ${uid})`,
            `Run Baseline (and doctor) as the file's owner, or: chown $(id -un) ${path}`,
          ),
        );
      try {
        key = readKeyFile(path);
        if (out.length === 0) out.push(ok(`Encryption key: ${path} (mode ${mode}, owned by this user)`));
      } catch (err) {
        out.push(
          fail(
            `Encryption key: ${path} cannot be read as a key: ${describeFailure(err)}`,
            'Restore the key file from the backup made with this database.',
          ),
        );
      }
    }
  }
  if (key && database) out.push(...(await checkSealedWith(database, keyIdOf(key))));
  return out;
}

/** Whether the database's sealed secrets were sealed with this key (they were, or there are none yet). */
async function checkSealedWith(database: Database, keyId: string): Promise<Finding[]> {
  let ids: string[];
  try {
    const rows = await withTimeout(listSecrets(database.db), DOCTOR_TIMEOUT_MS);
    ids = [...new Set(rows.filter((r) => r.value.startsWith('v1:')).map((r) => keyIdOfValue(r.value) ?? ''))];
  } catch {
    return []; // the database check already said why it cannot be read
  }
  const others = ids.filter((id) => id !== keyId);
  if (others.length === 0) return [];
  return [
    fail(
      `Encryption key: the database's secrets were sealed with key ${others.join(', ')}, and this key is ${keyId}`,
      'Use the key this database was used with: restore its encryption.key, or set DATA_ENCRYPTION_KEY to it.',
    ),
  ];
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The data folder (and the SQLite file) can be written, or the folder can be created. */
export function checkDataFolder(config: Config, dataDir: string): Finding {
  const fix = `Create it and give it to the user that runs Baseline: mkdir -p ${dataDir} && chown $(id -un) ${dataDir}`;
  let existing = dataDir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    accessSync(existing, constants.W_OK);
    const file = sqliteFile(config);
    if (file && existsSync(file)) accessSync(file, constants.W_OK);
  } catch {
    return fail(`Data folder: ${dataDir} is not writable by this user`, fix);
  }
  return existing === dataDir
    ? ok(`Data folder: ${dataDir} is writable`)
    : ok(`Data folder: ${dataDir} will be created at first start`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** PUBLIC_URL: set, and https unless the server is only for this machine. */
export function checkPublicUrl(config: Config, publicUrlSet: boolean): Finding {
  const url = new URL(config.publicUrl);
  if (!publicUrlSet)
    return warn(
      `Public URL: PUBLIC_URL is not set; invite links and sign-in redirects use ${config.publicUrl}`,
      'Set PUBLIC_URL to the address people open, e.g. https://baseline.example.org',
    );
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return warn(
      `Public URL: ${config.publicUrl} is plain http on a host other than this machine: passwords and tokens ` +
        'cross the network unencrypted, and cookies are not Secure',
      'Serve Baseline behind a TLS reverse proxy (README: Caddy, nginx) and set PUBLIC_URL=https://…',
    );
  return ok(`Public URL: ${config.publicUrl}`);
}
