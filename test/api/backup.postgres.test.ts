import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { callJson } from '../helpers/http-call.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { DataCipher } from '../../server/lib/data-encryption.ts';
import { tokenContext } from '../../server/health/secrets.ts';

const run = promisify(execFile);
const PASSWORD = 'backup test passphrase';
const STRAVA_SECRET = 'alice-strava-access-secret';
const KEY = randomBytes(32);
/** The servers' settings: this test's own data key; its few requests must not meet load shedding. */
const serverEnv = (key: Buffer) => ({ DATA_ENCRYPTION_KEY: key.toString('base64'), OVERLOAD_EVENT_LOOP_DELAY: '0' });

/** Every table's row count of a PostgreSQL database (its public schema). */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      counts[name] = Number((await client.query(`select count(*) as n from "${name}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL backups with pg_dump and pg_restore, as README says', () => {
  let source: TestDatabase;
  let folder: string;
  const restoredName = `baseline_t_${randomBytes(6).toString('hex')}`;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    source = await createTestDatabase();
    folder = mkdtempSync(join(tmpdir(), 'baseline-pgdump-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await source.drop();
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${restoredName} with (force)`);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  });

  it('`baseline backup` on PostgreSQL fails and tells the pg_dump command', async () => {
    const res = await runCli(['backup', join(folder, 'nope')], { env: { DATABASE_URL: source.url } });
    expect(res.code).toBe(1);
    expect(res.err).toContain('pg_dump --format=custom --file=baseline-$(date +%F).dump "$DATABASE_URL"');
    expect(() => statSync(join(folder, 'nope'))).toThrow();
  });

  it('dumps a serving database, restores it into a new one, and a server on it signs alice in', async () => {
    const server = await startServerProcess(source.url, serverEnv(KEY));
    servers.push(server);
    const alice = await callJson(server.url, 'POST', '/api/v1/auth/register', null, {
      username: 'alice',
      password: PASSWORD,
    });
    expect(alice.status).toBe(201);
    const token = alice.body.accessToken as string;
    const created = await callJson(server.url, 'POST', '/api/v1/integrations', token, {
      provider: 'strava',
      accessToken: STRAVA_SECRET,
    });
    expect(created.status).toBe(201);

    // README: pg_dump while the server runs, createdb, pg_restore (user postgres here, not baseline)
    const dump = join(folder, 'baseline-2026-11-30.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, source.url]);
    const counts = await rowCounts(source.url);
    await run('createdb', ['--host=127.0.0.1', '--username=postgres', '--owner=postgres', restoredName]);
    const restoredUrl = Object.assign(new URL(source.url), { pathname: `/${restoredName}` }).toString();
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
    expect(await rowCounts(restoredUrl)).toEqual(counts);
    expect(counts.users).toBe(1);

    // the data key is not in the dump: another key cannot open the server secrets, and the start stops
    await expect(startServerProcess(restoredUrl, serverEnv(randomBytes(32)))).rejects.toThrow(
      /cannot be opened with this data key/,
    );

    const restored = await startServerProcess(restoredUrl, serverEnv(KEY));
    servers.push(restored);
    const login = await callJson(restored.url, 'POST', '/api/v1/auth/login', null, {
      username: 'alice',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const again = login.body.accessToken as string;
    expect((await callJson(restored.url, 'GET', '/api/v1/me', again)).body).toMatchObject({ username: 'alice' });
    const list = await callJson(restored.url, 'GET', '/api/v1/integrations', again);
    expect(list.body.items).toEqual([
      expect.objectContaining({ provider: 'strava', tokenHint: STRAVA_SECRET.slice(-4) }),
    ]);
    const client = new pg.Client({ connectionString: restoredUrl });
    await client.connect();
    const row = (await client.query('select id, access_token_enc from integrations')).rows[0] as {
      id: string;
      access_token_enc: string;
    };
    await client.end();
    expect(new DataCipher(KEY).decrypt(row.access_token_enc, tokenContext('access_token_enc', row.id))).toBe(
      STRAVA_SECRET,
    );
  }, 240_000);
});
