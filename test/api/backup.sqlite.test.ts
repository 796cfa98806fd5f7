import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { callJson } from '../helpers/http-call.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { inspectDatabase, readManifest } from '../../server/lib/backup-manifest.ts';
import { DataCipher, KEY_FILE_NAME, parseKey } from '../../server/lib/data-encryption.ts';
import { tokenContext } from '../../server/health/secrets.ts';

const PASSWORD = 'backup test passphrase';
const STRAVA_SECRET = 'alice-strava-access-secret';

/**
 * The servers' own settings: the load is this test's own, so load shedding (a busy test machine's
 * event-loop delay) must not refuse its writes; `key` '' means no DATA_ENCRYPTION_KEY (the key file).
 */
const serverEnv = (key: string) => ({ DATA_ENCRYPTION_KEY: key, OVERLOAD_EVENT_LOOP_DELAY: '0' });

async function register(url: string, username: string): Promise<string> {
  const res = await callJson(url, 'POST', '/api/v1/auth/register', null, { username, password: PASSWORD });
  if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** `baseline …` as an admin runs it, on the given database; DATA_ENCRYPTION_KEY only when given. */
const cli = (databaseUrl: string, args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { DATABASE_URL: databaseUrl, ...env } });

/** A folder's entries with each file's content, to show a refused command wrote nothing. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder)) out[name] = readFileSync(join(folder, name)).toString('base64');
  return out;
}

describe('baseline backup and restore (SQLite)', () => {
  let root: string;
  let source: ServerProcess;
  let sourceUrl: string;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'baseline-backup-'));
    sourceUrl = `sqlite:${join(root, 'data', 'baseline.db')}`;
    // no DATA_ENCRYPTION_KEY: the server generates the key file the backup must carry
    source = await startServerProcess(sourceUrl, serverEnv(''));
    servers.push(source);
    const alice = await register(source.url, 'alice');
    const created = await callJson(source.url, 'POST', '/api/v1/integrations', alice, {
      provider: 'strava',
      accessToken: STRAVA_SECRET,
    });
    expect(created.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up under write load, restores, and the restored server signs alice in with her data', async () => {
    // several clients write through HTTP for as long as the backup runs: sign-ups and health records
    const acked: string[] = [];
    let stop = false;
    const client = async (c: number) => {
      let token = await register(source.url, `load-${c}-0`);
      for (let i = 1; !stop; i++) {
        if (i % 15 === 0) token = await register(source.url, `load-${c}-${i}`);
        const res = await callJson(source.url, 'POST', '/api/v1/health-records', token, {
          recordedAt: new Date().toISOString(),
          type: 'steps',
          data: { client: c, i },
        });
        expect(res.status).toBe(201);
        acked.push(res.body.id as string);
      }
    };
    // a reader that stays open, as an export streaming a large file would: SQLite cannot checkpoint past
    // it, so everything written from now on is only in the -wal file (as it is, for some moments, between
    // any two checkpoints). A copy of baseline.db alone would miss it all; the online backup does not.
    const reader = new SQLite(join(root, 'data', 'baseline.db'), { readonly: true });
    reader.prepare('begin').run();
    reader.prepare('select count(*) from users').get();
    const load = Promise.all([0, 1, 2, 3].map(client));
    load.catch(() => undefined); // awaited below; a failed write fails the test there
    await expect.poll(() => acked.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(40);

    const backupDir = join(root, 'backup-1');
    const ackedBefore = [...acked];
    const backup = await cli(sourceUrl, ['backup', backupDir]);
    const ackedDuring = acked.length - ackedBefore.length;
    stop = true;
    await load;
    reader.prepare('commit').run();
    reader.close();
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`The data encryption key is in the backup (${KEY_FILE_NAME}`);
    expect(ackedDuring).toBeGreaterThan(0); // the server was being written to while the command ran

    // one consistent file, the key (0600) and the manifest; never the -wal / -shm of the live database
    expect(readdirSync(backupDir).sort()).toEqual(['baseline.db', KEY_FILE_NAME, 'manifest.json']);
    expect(statSync(join(backupDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(backupDir, KEY_FILE_NAME))).toEqual(readFileSync(join(root, 'data', KEY_FILE_NAME)));
    const manifest = readManifest(backupDir);
    const inBackup = inspectDatabase(join(backupDir, 'baseline.db'));
    expect(inBackup.integrity).toBe('ok');
    expect(manifest.tables).toEqual(inBackup.tables);
    expect(manifest.key.source).toBe('file');

    const restoredDir = join(root, 'restored', 'data');
    const restoredUrl = `sqlite:${join(restoredDir, 'baseline.db')}`;
    const restore = await cli(restoredUrl, ['restore', backupDir]);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(statSync(join(restoredDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);

    // the restored database is the snapshot: every table's count as in the backup, which holds every
    // record acknowledged before the backup began
    const restored = inspectDatabase(join(restoredDir, 'baseline.db'));
    expect(restored.integrity).toBe('ok');
    expect(restored.tables).toEqual(manifest.tables);
    expect(Object.keys(restored.tables)).toEqual(expect.arrayContaining(['users', 'health_records', 'integrations']));
    const db = new SQLite(join(restoredDir, 'baseline.db'), { readonly: true });
    const ids = new Set(db.prepare('select id from health_records').pluck().all() as string[]);
    const integration = db.prepare("select id, access_token_enc from integrations where provider = 'strava'").get() as {
      id: string;
      access_token_enc: string;
    };
    db.close();
    expect(ackedBefore.filter((id) => !ids.has(id))).toEqual([]);
    // the key came along: it opens the integration token sealed by the source server
    const key = parseKey(readFileSync(join(restoredDir, KEY_FILE_NAME), 'utf8'), 'restored key');
    expect(
      new DataCipher(key).decrypt(integration.access_token_enc, tokenContext('access_token_enc', integration.id)),
    ).toBe(STRAVA_SECRET);

    // a server on the restored folder (it opens its sealed signing keys with the restored key file)
    const server = await startServerProcess(restoredUrl, serverEnv(''));
    servers.push(server);
    const login = await callJson(server.url, 'POST', '/api/v1/auth/login', null, {
      username: 'alice',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.refreshToken).toEqual(expect.any(String));
    const token = login.body.accessToken as string;
    expect((await callJson(server.url, 'GET', '/api/v1/me', token)).body).toMatchObject({ username: 'alice' });
    const list = await callJson(server.url, 'GET', '/api/v1/integrations', token);
    expect(list.body.items).toEqual([
      expect.objectContaining({ provider: 'strava', tokenHint: STRAVA_SECRET.slice(-4) }),
    ]);
  }, 240_000);

  it('refuses to restore into a non-empty folder or a running server’s, and to back up into a non-empty one', async () => {
    const backupDir = join(root, 'backup-2');
    expect((await cli(sourceUrl, ['backup', backupDir])).code).toBe(0);
    const backupBefore = snapshot(backupDir);

    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const intoBusy = await cli(`sqlite:${join(busy, 'baseline.db')}`, ['restore', backupDir]);
    expect(intoBusy.code).toBe(1);
    expect(intoBusy.err).toContain(`The data folder ${busy} (the folder of DATABASE_URL's file) is not empty`);
    expect(intoBusy.err).toContain('Nothing was written.');
    expect(snapshot(busy)).toEqual({ 'notes.txt': Buffer.from('mine').toString('base64') });

    const sourceDir = join(root, 'data');
    const namesBefore = readdirSync(sourceDir).sort();
    const overServer = await cli(sourceUrl, ['restore', backupDir]);
    expect(overServer.code).toBe(1);
    expect(overServer.err).toContain('is not empty');
    expect(readdirSync(sourceDir).sort()).toEqual(namesBefore);
    expect(
      (await callJson(source.url, 'POST', '/api/v1/auth/login', null, { username: 'alice', password: PASSWORD }))
        .status,
    ).toBe(200);

    const again = await cli(sourceUrl, ['backup', backupDir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${backupDir} is not empty`);
    expect(snapshot(backupDir)).toEqual(backupBefore);

    // a damaged backup is refused before anything is written
    const damaged = join(root, 'backup-damaged');
    mkdirSync(damaged);
    for (const [name, content] of Object.entries(backupBefore))
      writeFileSync(join(damaged, name), Buffer.from(content, 'base64'));
    writeFileSync(join(damaged, KEY_FILE_NAME), randomBytes(32).toString('base64') + '\n');
    const fresh = join(root, 'fresh-1');
    const fromDamaged = await cli(`sqlite:${join(fresh, 'baseline.db')}`, ['restore', damaged]);
    expect(fromDamaged.code).toBe(1);
    expect(fromDamaged.err).toContain('SHA-256 mismatch');
    expect(existsSync(fresh)).toBe(false);

    // so is a backup of a newer Baseline, whose database has a migration this version does not know
    const future = join(root, 'backup-future');
    mkdirSync(future);
    for (const [name, content] of Object.entries(backupBefore))
      writeFileSync(join(future, name), Buffer.from(content, 'base64'));
    const manifest = readManifest(future);
    writeFileSync(
      join(future, 'manifest.json'),
      JSON.stringify({ ...manifest, baselineVersion: '9.0.0', migrations: [...manifest.migrations, '999-future'] }),
    );
    const fromFuture = await cli(`sqlite:${join(fresh, 'baseline.db')}`, ['restore', future]);
    expect(fromFuture.code).toBe(1);
    expect(fromFuture.err).toContain('This backup comes from a newer Baseline (9.0.0)');
    expect(fromFuture.err).toContain('999-future');
    expect(existsSync(fresh)).toBe(false);
  }, 240_000);

  it('with DATA_ENCRYPTION_KEY, says the key is not in the backup and restores only with that key', async () => {
    const envKey = randomBytes(32).toString('base64');
    const url = `sqlite:${join(root, 'env-data', 'baseline.db')}`;
    const server = await startServerProcess(url, serverEnv(envKey));
    servers.push(server);
    await register(server.url, 'bob');

    const backupDir = join(root, 'backup-env');
    const withoutKey = await cli(url, ['backup', backupDir]);
    expect(withoutKey.code).toBe(1); // the data is sealed with a key this run does not have
    expect(withoutKey.err).toContain('is complete, but its data is sealed with key id');
    rmSync(backupDir, { recursive: true });

    const backup = await cli(url, ['backup', backupDir], serverEnv(envKey));
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('The data encryption key is NOT in this backup');
    expect(readdirSync(backupDir).sort()).toEqual(['KEY-NOT-INCLUDED.txt', 'baseline.db', 'manifest.json']);

    const restoredDir = join(root, 'env-restored');
    const restoredUrl = `sqlite:${join(restoredDir, 'baseline.db')}`;
    const refused = await cli(restoredUrl, ['restore', backupDir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('This backup does not hold its data encryption key');
    expect(existsSync(restoredDir)).toBe(false);

    const restore = await cli(restoredUrl, ['restore', backupDir], serverEnv(envKey));
    expect(restore.code).toBe(0);
    expect(readdirSync(restoredDir)).toEqual(['baseline.db']);
    const restoredServer = await startServerProcess(restoredUrl, serverEnv(envKey));
    servers.push(restoredServer);
    const login = await callJson(restoredServer.url, 'POST', '/api/v1/auth/login', null, {
      username: 'bob',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
  }, 240_000);
});
