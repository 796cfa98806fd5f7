import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { SAMPLES } from '../helpers/health-samples.ts';
import { newId } from '../../server/ids.ts';

const KINDS = ['healthRecords', 'checkIns', 'interventions', 'observations', 'labResults', 'integrations'];
const CSV_FILES = [
  'health-records.csv',
  'check-ins.csv',
  'interventions.csv',
  'observations.csv',
  'lab-results.csv',
  'integrations.csv',
];

describe('export: streamed JSON and ZIP of CSVs, recorded in the history', () => {
  let t: TestApp;
  let clock: FakeClock;
  let alice: { accessToken: string; user: { id: string } };
  /** alice's items by export key, as the API returns them */
  let items: Record<string, Record<string, unknown>>;
  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-03-10T12:00:00.000Z'));
    t = await createTestApp({ clock });
    await createUser(t.ctx, { username: 'alice' });
    await createUser(t.ctx, { username: 'bob' });
    alice = await login(t.app, 'alice');
    const bob = await login(t.app, 'bob');
    items = {};
    for (const s of SAMPLES) {
      const res = await t.app.inject({
        method: 'POST',
        url: s.path,
        headers: bearer(alice.accessToken),
        payload: s.create,
      });
      items[s.exportKey] = body(res);
      await t.app.inject({ method: 'POST', url: s.path, headers: bearer(bob.accessToken), payload: s.create });
    }
  });
  afterEach(() => t.close());

  const download = (token: string, query = '') =>
    t.app.inject({ url: `/api/v1/me/export${query}`, headers: bearer(token) });

  it('streams the JSON document of API.md with every kind, only the caller’s rows, and no secrets', async () => {
    const res = await download(alice.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="baseline-export-alice-2026-03-10.json"');
    expect(res.body).not.toMatch(/secret/i);
    const doc = JSON.parse(res.body);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'user', ...KINDS, 'exports']);
    expect(doc).toMatchObject({
      format: 'baseline-export',
      version: 1,
      exportedAt: '2026-03-10T12:00:00.000Z',
      exports: [],
    });
    expect(doc.user).toEqual(body(await t.app.inject({ url: '/api/v1/me', headers: bearer(alice.accessToken) })));
    for (const key of KINDS) expect(doc[key]).toEqual([items[key]]);
    expect(doc.integrations[0].tokenHint).toBe('WXYZ');

    const stored = await t.ctx.db
      .selectFrom('integrations')
      .select('access_token_enc')
      .where('user_id', '=', alice.user.id)
      .executeTakeFirstOrThrow();
    expect(res.body).not.toContain(stored.access_token_enc.split(':')[3]);
  });

  it('streams a ZIP of user.json and one valid CSV per kind', async () => {
    const res = await download(alice.accessToken, '?format=zip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="baseline-export-alice-2026-03-10.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['exports.csv', 'user.json', ...CSV_FILES].sort());
    expect(JSON.parse(strFromU8(files['user.json'])).username).toBe('alice');
    for (const [i, name] of CSV_FILES.entries()) {
      const text = strFromU8(files[name]);
      expect(text).not.toMatch(/secret/i);
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      const item = items[KINDS[i]];
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]).sort()).toEqual(Object.keys(item).sort());
      for (const [k, v] of Object.entries(item)) {
        const cell = rows[0][k];
        if (v === null) expect(cell, `${name} ${k}`).toBe('');
        else if (typeof v === 'object') expect(JSON.parse(cell)).toEqual(v);
        else expect(cell, `${name} ${k}`).toBe(String(v));
      }
    }
    expect(parse(strFromU8(files['exports.csv']), { columns: true })).toEqual([]);
  });

  it('records each finished export (format, bytes, time) and lists the history newest first', async () => {
    const json = await download(alice.accessToken);
    clock.advance(60_000);
    const zip = await download(alice.accessToken, '?format=zip');
    const list = await t.app.inject({ url: '/api/v1/me/exports', headers: bearer(alice.accessToken) });
    expect(list.statusCode).toBe(200);
    expect(body(list).items).toEqual([
      { id: expect.any(String), createdAt: '2026-03-10T12:01:00.000Z', format: 'zip', bytes: zip.rawPayload.length },
      { id: expect.any(String), createdAt: '2026-03-10T12:00:00.000Z', format: 'json', bytes: json.rawPayload.length },
    ]);
    const third = JSON.parse((await download(alice.accessToken)).body);
    expect(third.exports).toEqual(body(list).items);
    const bob = await login(t.app, 'bob');
    expect(body(await t.app.inject({ url: '/api/v1/me/exports', headers: bearer(bob.accessToken) })).items).toEqual([]);
    expect((await download(alice.accessToken, '?format=xml')).statusCode).toBe(400);
  });

  it('lets a disabled account export and read its history, but not touch health data', async () => {
    await createUser(t.ctx, { username: 'dora', status: 'disabled' });
    const dora = await login(t.app, 'dora');
    expect(dora.limited).toBe(true);
    const res = await download(dora.accessToken);
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    for (const key of KINDS) expect(doc[key]).toEqual([]);
    expect(doc.user.status).toBe('disabled');
    expect((await download(dora.accessToken, '?format=zip')).statusCode).toBe(200);
    expect(
      body(await t.app.inject({ url: '/api/v1/me/exports', headers: bearer(dora.accessToken) })).items,
    ).toHaveLength(2);
    const health = await t.app.inject({ url: '/api/v1/observations', headers: bearer(dora.accessToken) });
    expect(health.statusCode).toBe(403);
    expect(body(health).code).toBe('account_disabled');
    expect((await t.app.inject({ url: '/api/v1/me/export' })).statusCode).toBe(401);
  });

  /** Inserts `count` observations for alice straight through the database, 500 per statement. */
  async function bulkObservations(count: number) {
    const now = clock.now().toISOString();
    const rows = Array.from({ length: count }, (_, i) => ({
      id: newId(clock.now()),
      user_id: alice.user.id,
      // groups of 7 rows share one time, so batch edges fall inside ties
      observed_at: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 7) * 60_000).toISOString(),
      metric: 'steps',
      value: i,
      unit: null,
      intervention_id: null,
      notes: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.ctx.db
        .insertInto('observations')
        .values(rows.slice(i, i + 500))
        .execute();
    return rows;
  }

  it('reads past several batches without gaps or repeats, ties on the time included', async () => {
    const rows = await bulkObservations(2345);
    const doc = JSON.parse((await download(alice.accessToken)).body);
    expect(doc.observations).toHaveLength(2346);
    expect(new Set(doc.observations.map((o: { id: string }) => o.id)).size).toBe(2346);
    const files = unzipSync(new Uint8Array((await download(alice.accessToken, '?format=zip')).rawPayload));
    const csv = parse(strFromU8(files['observations.csv']), { columns: true }) as { id: string; value: string }[];
    expect(csv).toHaveLength(2346);
    expect(
      csv
        .map((r) => Number(r.value))
        .filter((v) => v !== 71.3)
        .sort((a, b) => a - b),
    ).toEqual(rows.map((r) => r.value));
  });

  it('does not record a download that the client aborts', async () => {
    await bulkObservations(30_000);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const served: ServerResponse[] = [];
    t.app.server.on('request', (_req: IncomingMessage, res: ServerResponse) => served.push(res));
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/v1/me/export', headers: bearer(alice.accessToken) },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.end();
    });
    // the server saw the abort: its response closed without finishing
    await vi.waitFor(() => expect(served[0]?.closed).toBe(true), { timeout: 10_000, interval: 20 });
    expect(served[0].writableFinished).toBe(false);
    // a whole download after it is the only one recorded: the aborted one is not, not even late
    const whole = await download(alice.accessToken);
    expect(whole.statusCode).toBe(200);
    expect(body(await t.app.inject({ url: '/api/v1/me/exports', headers: bearer(alice.accessToken) })).items).toEqual([
      { id: expect.any(String), createdAt: '2026-03-10T12:00:00.000Z', format: 'json', bytes: whole.rawPayload.length },
    ]);
  });
});
