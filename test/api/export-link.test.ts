import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { SAMPLES } from '../helpers/health-samples.ts';

const LINK = /^\/api\/v1\/me\/export\/download\/([A-Za-z0-9_-]{43})$/;

describe('export by one-time download link', () => {
  let t: TestApp;
  let clock: FakeClock;
  let alice: { accessToken: string; user: { id: string } };
  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-03-10T12:00:00.000Z'));
    t = await createTestApp({ clock });
    await createUser(t.ctx, { username: 'alice' });
    alice = await login(t.app, 'alice');
    const sample = SAMPLES[0];
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: sample.path,
          headers: bearer(alice.accessToken),
          payload: sample.create,
        })
      ).statusCode,
    ).toBe(201);
  });
  afterEach(() => t.close());

  const createLink = (accessToken: string, format: 'json' | 'zip' = 'json') =>
    t.app.inject({ method: 'POST', url: '/api/v1/me/export/link', headers: bearer(accessToken), payload: { format } });
  const linkOf = async (accessToken: string, format: 'json' | 'zip' = 'json') => {
    const res = await createLink(accessToken, format);
    expect(res.statusCode, res.body).toBe(201);
    return body(res).url as string;
  };
  const history = async (accessToken: string) =>
    body(await t.app.inject({ url: '/api/v1/me/exports', headers: bearer(accessToken) })).items;

  it('gives a link that downloads the export once, without an Authorization header, and records it', async () => {
    const res = await createLink(alice.accessToken);
    expect(res.statusCode).toBe(201);
    const link = body(res);
    expect(link.url).toMatch(LINK);
    expect(link.expiresAt).toBe('2026-03-10T12:01:00.000Z');
    expect(res.headers['cache-control']).toBe('no-store');

    const download = await t.app.inject({ url: link.url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="baseline-export-alice-2026-03-10.json"',
    );
    expect(download.headers['cache-control']).toBe('no-store');
    const doc = JSON.parse(download.body);
    expect(doc).toMatchObject({ format: 'baseline-export', version: 1, user: { id: alice.user.id } });
    expect(doc[SAMPLES[0].exportKey]).toHaveLength(1);
    expect(await history(alice.accessToken)).toEqual([
      expect.objectContaining({ format: 'json', bytes: download.rawPayload.length }),
    ]);

    const again = await t.app.inject({ url: link.url });
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body(again).code).toBe('not_found');
    expect(await history(alice.accessToken)).toHaveLength(1);
  });

  it('downloads the ZIP format as the GET /me/export does', async () => {
    const download = await t.app.inject({ url: await linkOf(alice.accessToken, 'zip') });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(download.rawPayload)))).toContain('user.json');
    expect(await history(alice.accessToken)).toEqual([expect.objectContaining({ format: 'zip' })]);
  });

  it('expires after 60 seconds', async () => {
    const url = await linkOf(alice.accessToken);
    clock.advance(60_000);
    const late = await t.app.inject({ url });
    expect(late.statusCode).toBe(404);
    expect(body(late).code).toBe('not_found');
    expect(await history(alice.accessToken)).toEqual([]);
    // a new link clears the tickets that can no longer be used
    await linkOf(alice.accessToken);
    expect(await t.ctx.db.selectFrom('export_tickets').select('expires_at').execute()).toEqual([
      { expires_at: '2026-03-10T12:02:00.000Z' },
    ]);
  });

  it('answers unknown and malformed tickets with not_found, and a HEAD request does not spend a ticket', async () => {
    for (const ticket of ['A'.repeat(43), 'nope', '%20']) {
      const res = await t.app.inject({ url: `/api/v1/me/export/download/${ticket}` });
      expect(res.statusCode, ticket).toBe(404);
      expect(body(res).code, ticket).toBe('not_found');
    }
    const url = await linkOf(alice.accessToken);
    expect((await t.app.inject({ method: 'HEAD', url })).statusCode).toBe(404);
    expect((await t.app.inject({ url })).statusCode).toBe(200);
  });

  it('lets only one of two simultaneous downloads with the same ticket through', async () => {
    const url = await linkOf(alice.accessToken);
    const results = await Promise.all([1, 2, 3].map(() => t.app.inject({ url })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 404, 404]);
  });

  it('lets a disabled account create and follow a link', async () => {
    await createUser(t.ctx, { username: 'dora', status: 'disabled' });
    const dora = await login(t.app, 'dora');
    expect(dora.limited).toBe(true);
    const download = await t.app.inject({ url: await linkOf(dora.accessToken) });
    expect(download.statusCode).toBe(200);
    expect(JSON.parse(download.body).user).toMatchObject({ username: 'dora', status: 'disabled' });
  });

  it('exports the ticket owner’s data whoever follows it, and stores only the ticket’s hash', async () => {
    await createUser(t.ctx, { username: 'bob' });
    const bob = await login(t.app, 'bob');
    const url = await linkOf(alice.accessToken);
    const ticket = LINK.exec(url)![1];
    const rows = await t.ctx.db.selectFrom('export_tickets').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].user_id).toBe(alice.user.id);
    expect(JSON.stringify(rows)).not.toContain(ticket);

    const download = await t.app.inject({ url, headers: bearer(bob.accessToken) });
    expect(JSON.parse(download.body).user.username).toBe('alice');
    expect(await history(bob.accessToken)).toEqual([]);
    expect(await history(alice.accessToken)).toHaveLength(1);
  });

  it('is gone with the account: a deleted account’s link answers not_found', async () => {
    const url = await linkOf(alice.accessToken);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: '/api/v1/me',
          headers: bearer(alice.accessToken),
          payload: { password: PASSWORD },
        })
      ).statusCode,
    ).toBe(204);
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(body(res).code).toBe('not_found');
  });

  it('needs a signed-in caller and a valid body to create a link', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/export/link',
      payload: { format: 'json' },
    });
    expect(body(anonymous).code).toBe('unauthenticated');
    for (const payload of [{}, { format: 'csv' }, { format: 'json', extra: 1 }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/export/link',
        headers: bearer(alice.accessToken),
        payload,
      });
      expect(body(res).code, JSON.stringify(payload)).toBe('validation_failed');
    }
  });

  it('rate limits link creation', async () => {
    const limited = await createTestApp({ clock, env: { RATE_LIMITS: 'on' } });
    try {
      await createUser(limited.ctx, { username: 'rita' });
      const { accessToken } = await login(limited.app, 'rita');
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/v1/me/export/link',
              headers: bearer(accessToken),
              payload: { format: 'json' },
            })
          ).statusCode,
        );
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
      expect(statuses[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('appears in the OpenAPI document', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' }));
    expect(doc.paths['/api/v1/me/export/link'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/me/export/link'].post.requestBody.content['application/json'].schema.required).toEqual([
      'format',
    ]);
    expect(doc.paths['/api/v1/me/export/download/{ticket}'].get).toBeDefined();
  });
});
