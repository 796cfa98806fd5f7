import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIssuer } from '../helpers/local-issuer.ts';
import { freePort } from '../helpers/ports.ts';
import { runCli } from '../helpers/run-cli.ts';
import { createTestApp } from '../helpers/test-app.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 14: `baseline doctor`, the real command in its own process, against a real database,
 * a real Redis and dead ports, a key file with the wrong mode, a local OpenID issuer and an
 * unreachable one. Whatever it finds, it never prints a secret, and it says the fix.
 */

const SECRETS = {
  SETUP_TOKEN: 'setup-token-Vq3nX8pL2mK9',
  GOOGLE_CLIENT_SECRET: 'google-secret-Hf72JsQ0aZ',
  METRICS_TOKEN: 'metrics-token-Ru5Lw2Cq7Y',
};
const DB_PASSWORD = 'db-pass-Tn4Wk9Xe1G';
const REDIS_PASSWORD = 'redis-pass-Mb6Yc3Pd8J';

let testDb: TestDatabase;
let issuer: LocalIssuer;
let cwd: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  issuer = await LocalIssuer.start();
});
afterAll(async () => {
  await issuer.close();
  await testDb.drop();
});

/** A fresh working folder per run: PostgreSQL's data folder (the key file's place) is ./data. */
function freshCwd(): string {
  cwd = mkdtempSync(join(tmpdir(), 'baseline-doctor-'));
  return cwd;
}

/** The data folder doctor looks in for the key file, as the server finds it. */
function dataDirFor(databaseUrl: string): string {
  return databaseUrl.startsWith('sqlite:') ? dirname(databaseUrl.slice('sqlite:'.length)) : join(cwd, 'data');
}

function writeKeyFile(dir: string, mode: number): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'encryption.key');
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode });
  chmodSync(path, mode);
  return path;
}

/** The database URL with a password in it (PostgreSQL here trusts local connections, so it is not checked). */
function withPassword(url: string): string {
  if (!url.startsWith('postgres')) return url;
  const u = new URL(url);
  u.password = DB_PASSWORD;
  return u.toString();
}

/** Runs doctor; fails the test if any secret of the environment shows in what it printed. */
async function doctor(env: Record<string, string>) {
  const res = await runCli(['doctor'], { env: { LOG_LEVEL: 'info', REDIS_URL: '', ...env }, cwd });
  const secrets = [...Object.values(SECRETS), DB_PASSWORD, REDIS_PASSWORD];
  if (env.DATA_ENCRYPTION_KEY) secrets.push(env.DATA_ENCRYPTION_KEY);
  for (const secret of secrets) expect(res.out + res.err, `secret ${secret} printed`).not.toContain(secret);
  return res;
}

describe('baseline doctor', () => {
  it('passes on a healthy setup: prints the configuration with secrets masked, every check ✓, exit 0', async () => {
    freshCwd();
    const url = withPassword(testDb.url);
    const keyFile = writeKeyFile(dataDirFor(testDb.url), 0o600);
    const res = await doctor({
      DATABASE_URL: url,
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379`,
      PUBLIC_URL: 'http://localhost:8080',
      GOOGLE_CLIENT_ID: 'web-client.example',
      GOOGLE_ISSUER: issuer.url,
      ...SECRETS,
    });
    expect(res.code, res.out + res.err).toBe(0);
    expect(res.out).toMatch(/^ {2}SETUP_TOKEN +\*{8} \(set\)$/m);
    expect(res.out).toMatch(/^ {2}GOOGLE_CLIENT_SECRET +\*{8} \(set\)$/m);
    expect(res.out).toMatch(/^ {2}REDIS_URL +redis:\/\/:\*\*\*@127\.0\.0\.1:6379$/m);
    expect(res.out).toMatch(/^ {2}ACCESS_TOKEN_TTL +15m {2}\(default\)$/m);
    expect(res.out).toContain('[ok]   Database: ');
    expect(res.out).toContain('[ok]   Database: migrated');
    expect(res.out).toContain('[ok]   Redis: answers PING');
    expect(res.out).toContain(`[ok]   Encryption key: ${keyFile} (mode 600, owned by this user)`);
    expect(res.out).toContain(`[ok]   Google sign-in: discovery document of ${issuer.url} fetched`);
    expect(res.out).not.toContain('[FAIL]');
    expect(res.out).toContain('All checks passed.');
  });

  it('says what is wrong and the fix: database, Redis, key file mode, issuer, plain-http PUBLIC_URL; exit 1', async () => {
    freshCwd();
    const deadPort = await freePort();
    const notADatabase = join(cwd, 'not-a-db', 'baseline.db');
    mkdirSync(dirname(notADatabase));
    writeFileSync(notADatabase, 'this is not an SQLite file, it is text '.repeat(200));
    const url =
      dbKind === 'sqlite'
        ? `sqlite:${notADatabase}`
        : `postgres://postgres:${DB_PASSWORD}@127.0.0.1:${deadPort}/baseline`;
    const keyFile = writeKeyFile(dataDirFor(url), 0o644);
    // a key file someone else owns (a restore run as root, say): only root can give a file away, as CI runs
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(keyFile, 65534, 65534);
    const res = await doctor({
      DATABASE_URL: url,
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${deadPort}`,
      PUBLIC_URL: 'http://baseline.example.org',
      APPLE_CLIENT_ID: 'org.example.app',
      APPLE_ISSUER: `http://127.0.0.1:${deadPort}`,
      ...SECRETS,
    });
    expect(res.code, res.out + res.err).toBe(1);
    if (dbKind === 'sqlite') {
      expect(res.out).toContain(
        `[FAIL] Database: cannot open the SQLite file ${notADatabase}: the file is not an SQLite database`,
      );
    } else {
      expect(res.out).toContain('[FAIL] Database: cannot reach PostgreSQL: connection refused');
      expect(res.out).toContain('Fix: Start PostgreSQL, or correct the host, port, user, password');
    }
    expect(res.out).toContain('[FAIL] Redis: not connected: connection refused');
    expect(res.out).toContain('Fix: Start Redis, or correct the host, port and password in REDIS_URL.');
    expect(res.out).toContain(`[FAIL] Encryption key: ${keyFile} has mode 644: other users can read it`);
    expect(res.out).toContain(`Fix: chmod 600 ${keyFile}`);
    expect(res.out).toContain(`[FAIL] Apple sign-in: http://127.0.0.1:${deadPort}/.well-known/openid-configuration`);
    expect(res.out).toContain('correct APPLE_ISSUER');
    expect(res.out).toContain('[warn] Public URL: http://baseline.example.org is plain http');
    expect(res.out).toContain('set PUBLIC_URL=https://');
    if (asRoot) {
      expect(res.out).toContain(
        `[FAIL] Encryption key: ${keyFile} is owned by uid 65534, not by the user running this`,
      );
      expect(res.out).toContain(`chown $(id -un) ${keyFile}`);
    }
    expect(res.out).toContain(`\n${asRoot ? 5 : 4} problems to fix, 1 warning.\n`);
  });

  it('reports a configuration that does not load, in its own words, without printing the value of a secret', async () => {
    freshCwd();
    const res = await doctor({
      DATABASE_URL: testDb.url,
      OVERLOAD_MEMORY_MB: 'lots',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...SECRETS,
    });
    expect(res.code).toBe(1);
    expect(res.out).toContain('[FAIL] Configuration: OVERLOAD_MEMORY_MB must be a whole number from 0 to');
    expect(res.out).toContain('Fix: Correct that variable');
    expect(res.out).toMatch(/^ {2}OVERLOAD_MEMORY_MB +lots$/m);
    expect(res.out).toMatch(/^ {2}DATA_ENCRYPTION_KEY +\*{8} \(set\)$/m);

    const badRedis = await doctor({ DATABASE_URL: testDb.url, REDIS_URL: `http://:${REDIS_PASSWORD}@cache:6379` });
    expect(badRedis.code).toBe(1);
    expect(badRedis.out).toContain('[FAIL] Configuration: REDIS_URL must start with redis:// or rediss://');
  });

  it('refuses a database newer than this code, and a key that is not the one its secrets were sealed with', async () => {
    freshCwd();
    const sealedKey = randomBytes(32).toString('base64');
    // the app seals its signing keys with DATA_ENCRYPTION_KEY at its first start
    const t = await createTestApp({ env: { DATA_ENCRYPTION_KEY: sealedKey } });
    try {
      await t.ctx.db
        .insertInto('kysely_migration' as never)
        .values({ name: '999-from-the-future', timestamp: new Date().toISOString() } as never)
        .execute();
      const otherKey = randomBytes(32).toString('base64');
      const res = await doctor({ DATABASE_URL: t.testDb.url, DATA_ENCRYPTION_KEY: otherKey });
      expect(res.code).toBe(1);
      expect(res.out).toContain('[FAIL] Database: newer than this version of Baseline (it has 999-from-the-future');
      expect(res.out).toContain('Fix: Run the newer version of Baseline, or restore a backup made before the upgrade.');

      await t.ctx.db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '999-from-the-future' as never)
        .execute();
      const wrongKey = await doctor({ DATABASE_URL: t.testDb.url, DATA_ENCRYPTION_KEY: otherKey });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.out).toMatch(/\[FAIL\] Encryption key: the database's secrets were sealed with key [0-9a-f]{8}/);
      expect(wrongKey.out).toContain('Fix: Use the key this database was used with');

      const rightKey = await doctor({ DATABASE_URL: t.testDb.url, DATA_ENCRYPTION_KEY: sealedKey });
      expect(rightKey.out).toContain('[ok]   Encryption key: DATA_ENCRYPTION_KEY is set');
      expect(rightKey.out).not.toContain('[FAIL]');
    } finally {
      await t.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
