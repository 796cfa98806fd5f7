import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardOrigins } from '../../server/policies/web-origin.policy.ts';
import { bearer, body, createTestApp, testConfig, webClient, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';

describe('cookie-based refresh and logout need the dashboard header and origin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'web' });
  });
  afterEach(() => t.close());

  const cookieLogin = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'web', password: PASSWORD, cookie: true },
    });
    return {
      cookie: res.cookies.find((c) => c.name === 'baseline_refresh')!.value,
      accessToken: body(res).accessToken as string,
    };
  };
  const post = (path: 'refresh' | 'logout', cookie: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, headers, cookies: { baseline_refresh: cookie } });

  const refused: [string, Record<string, string>][] = [
    ['no header, no origin', {}],
    ['the header without an origin', { 'x-baseline-client': 'web' }],
    ['an origin without the header', { origin: 'http://baseline.test' }],
    ['a wrong header value', { 'x-baseline-client': 'ios', origin: 'http://baseline.test' }],
    ['a sibling subdomain', webClient('http://evil.baseline.test')],
    ['another scheme', webClient('https://baseline.test')],
    ['the origin "null"', webClient('null')],
  ];

  it.each(refused)('refuses refresh by cookie with %s, and spends nothing', async (_what, headers) => {
    const { cookie } = await cookieLogin();
    const res = await post('refresh', cookie, headers);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body(res)).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('x-baseline-client: web') });
    expect(res.cookies).toEqual([]);
    expect(await t.ctx.db.selectFrom('refresh_tokens').select('used_at').execute()).toEqual([{ used_at: null }]);
    // the token still works for the dashboard itself
    expect((await post('refresh', cookie, webClient())).statusCode).toBe(200);
  });

  it.each(refused)('refuses logout by cookie with %s, and the session stays open', async (_what, headers) => {
    const { cookie, accessToken } = await cookieLogin();
    const res = await post('logout', cookie, headers);
    expect(res.statusCode).toBe(403);
    expect(body(res).code).toBe('forbidden');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) })).statusCode).toBe(200);
    // with a bearer token as well, the cookie is still in play: refused the same way, nothing ended
    const both = await post('logout', cookie, { ...headers, ...bearer(accessToken) });
    expect(both.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) })).statusCode).toBe(200);
    expect((await post('refresh', cookie, webClient())).statusCode).toBe(200);
  });

  it('accepts the dashboard: refresh rotates the cookie, logout ends the session', async () => {
    const { cookie, accessToken } = await cookieLogin();
    const refreshed = await post('refresh', cookie, webClient());
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.cookies.find((c) => c.name === 'baseline_refresh')!.value;
    const out = await post('logout', next, webClient());
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) })).statusCode).toBe(401);
  });

  it('leaves body-token calls (the iOS app) and bearer-only logout alone', async () => {
    const app = await login(t.app, 'web');
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: app.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    // a body token wins over a cookie the request may also carry, and needs no header
    const { cookie } = await cookieLogin();
    const withBoth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: body(refreshed).refreshToken },
      cookies: { baseline_refresh: cookie },
    });
    expect(withBoth.statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          payload: { refreshToken: body(withBoth).refreshToken },
        })
      ).statusCode,
    ).toBe(204);
    const other = await login(t.app, 'web');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(other.accessToken) }))
        .statusCode,
    ).toBe(204);
  });

  it('trusts PUBLIC_URL’s origin, plus 127.0.0.1 only while PUBLIC_URL is the default localhost', () => {
    expect([...dashboardOrigins(testConfig({ PUBLIC_URL: 'https://health.example.org/' }))]).toEqual([
      'https://health.example.org',
    ]);
    expect([...dashboardOrigins(testConfig({ PUBLIC_URL: 'https://health.example.org:8443/base' }))]).toEqual([
      'https://health.example.org:8443',
    ]);
    const local = { ...testConfig(), publicUrl: 'http://localhost:9090', port: 9090 };
    expect([...dashboardOrigins(local)]).toEqual(['http://localhost:9090', 'http://127.0.0.1:9090']);
    expect([...dashboardOrigins({ ...local, publicUrl: 'http://localhost:9091' })]).toEqual(['http://localhost:9091']);
  });
});
