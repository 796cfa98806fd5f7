import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { freePort } from '../helpers/ports.ts';
import { dbKind } from '../helpers/test-db.ts';

const METRICS_TOKEN = 'metrics-bearer-0123456789abcdef';

/**
 * Load shedding off: on a busy test machine the event loop's delay can pass its default limit,
 * and a shed request (503) would not be the request whose counting is tested here.
 */
const testApp = (env: Record<string, string> = {}) =>
  createTestApp({ env: { OVERLOAD_EVENT_LOOP_DELAY: '0', ...env } });

/** The value of one sample of the exposition text, by its name and exact label set; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (have === wanted) return Number(match[3]);
  }
  return 0;
}

describe('Prometheus metrics at /metrics', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const scrape = async (app: TestApp['app']) => {
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  };

  it('counts real requests: by route pattern, sign-ins and their results, invite uses, export bytes', async () => {
    t = await testApp({ REQUIRE_INVITE: 'true' });
    const admin = await createUser(t.ctx, { username: 'metrics-admin', role: 'admin' });
    await createUser(t.ctx, { username: 'metrics-dora', status: 'disabled' });
    const adminToken = (await login(t.app, 'metrics-admin')).accessToken;
    const api = requestsAs(t.app, adminToken, '/api/v1');
    const anonymous = requestsAs(t.app, null, '/api/v1');

    const wrong = await anonymous.post('/auth/login', { username: 'metrics-admin', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(
      body(await anonymous.post('/auth/login', { username: 'metrics-dora', password: 'correct horse battery staple' }))
        .limited,
    ).toBe(true);
    expect((await anonymous.post('/auth/login', { username: 'x' })).statusCode).toBe(400);

    const invite = body(await api.post('/admin/invites', { label: 'metrics' }));
    expect((await anonymous.get(`/invites/${invite.code}`)).statusCode).toBe(200);
    const registered = await anonymous.post('/auth/register', {
      username: 'metrics-newcomer',
      password: 'a fine passphrase',
      inviteCode: invite.code,
    });
    expect(registered.statusCode).toBe(201);
    const newcomer = body(registered);
    expect((await api.get(`/admin/users/${newcomer.user.id}`)).statusCode).toBe(200);
    const exported = await requestsAs(t.app, newcomer.accessToken, '/api/v1').get('/me/export?format=json');
    expect(exported.statusCode).toBe(200);

    const text = await scrape(t.app);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'success' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'failure' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'limited' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'invalid' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'register', result: 'success' })).toBe(1);
    expect(sample(text, 'baseline_invite_redemptions_total', { method: 'password' })).toBe(1);
    expect(sample(text, 'baseline_exports_total', { format: 'json' })).toBe(1);
    expect(sample(text, 'baseline_export_bytes_total', { format: 'json' })).toBe(exported.rawPayload.length);
    // durations are labelled by the route's pattern
    const byPattern = { method: 'GET', route: '/api/v1/admin/users/:id', status_code: '200' };
    expect(sample(text, 'baseline_http_request_duration_seconds_count', byPattern)).toBe(1);
    const inviteCheck = { method: 'GET', route: '/api/v1/invites/:code', status_code: '200' };
    expect(sample(text, 'baseline_http_request_duration_seconds_count', inviteCheck)).toBe(1);
    // never a raw URL: no id or invite code becomes a label
    for (const secret of [newcomer.user.id, admin.id, invite.code, invite.id]) expect(text).not.toContain(secret);
    // and the process's own metrics beside the app's
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts failed queries, and the PostgreSQL pool (SQLite has none)', async () => {
    t = await testApp();
    await expect(sql`select * from no_such_table`.execute(t.ctx.db)).rejects.toThrow();
    const text = await scrape(t.app);
    expect(sample(text, 'baseline_db_query_errors_total', { reason: 'other' })).toBe(1);
    if (dbKind === 'postgres') {
      expect(sample(text, 'baseline_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(text).toMatch(/^baseline_db_pool_waiting 0$/m);
    } else {
      expect(text).not.toContain('baseline_db_pool_connections');
    }
  });

  it('counts 429 refusals by route, and sign-ins refused by the rate limit', async () => {
    t = await testApp({ RATE_LIMITS: 'on' });
    const attempt = (i: number) =>
      t!.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `mallory-${i}`, password: 'guess number n' },
      });
    for (let i = 0; i < 10; i++) expect((await attempt(i)).statusCode).toBe(401);
    expect((await attempt(10)).statusCode).toBe(429);
    const text = await scrape(t.app);
    expect(sample(text, 'baseline_rate_limited_total', { route: '/api/v1/auth/login' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'rate_limited' })).toBe(1);
    expect(sample(text, 'baseline_sign_ins_total', { method: 'password', result: 'failure' })).toBe(10);
  });

  it('needs METRICS_TOKEN as a bearer token when it is set', async () => {
    t = await testApp({ METRICS_TOKEN });
    const none = await t.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(body(none).code).toBe('unauthenticated');
    const wrong = await t.app.inject({ url: '/metrics', headers: bearer('metrics-bearer-0123456789abcdeX') });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ url: '/metrics', headers: bearer(METRICS_TOKEN) });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('baseline_http_request_duration_seconds');
  });

  it('serves /metrics on METRICS_PORT only, and not on the public port', async () => {
    const metricsPort = await freePort();
    t = await testApp({ METRICS_PORT: String(metricsPort), METRICS_TOKEN });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };

    const onPublic = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(onPublic.status).toBe(404);
    expect((await onPublic.json()).code).toBe('not_found');

    const side = `http://127.0.0.1:${metricsPort}`;
    const scraped = await fetch(`${side}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(scraped.status).toBe(200);
    // the public port's own request is there: one app, one set of counters
    const text = await scraped.text();
    expect(
      sample(text, 'baseline_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBe(1);
    expect((await fetch(`${side}/metrics`)).status).toBe(401);
    const elsewhere = await fetch(`${side}/api/v1/server`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');

    await t.close();
    t = undefined;
    // closed with the app
    await expect(fetch(`${side}/metrics`)).rejects.toThrow();
  });
});
