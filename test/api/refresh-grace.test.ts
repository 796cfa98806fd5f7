import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, webClient, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';

const SECOND = 1000;

describe('refresh reuse grace window (two tabs refreshing at once)', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock });
    await createUser(t.ctx, { username: 'tabs' });
  });
  afterEach(() => t.close());

  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
  const auditActions = async () =>
    (await t.ctx.db.selectFrom('audit_events').select('action').execute()).map((a) => a.action);

  it('answers a token presented again within 10 s with the same successor and a fresh access token', async () => {
    const { refreshToken } = await login(t.app, 'tabs');
    const tabA = body(await refresh(refreshToken));
    clock.advance(9 * SECOND);
    const tabB = await refresh(refreshToken);
    expect(tabB.statusCode).toBe(200);
    expect(body(tabB).refreshToken).toBe(tabA.refreshToken);
    expect(body(tabB).refreshTokenExpiresAt).toBe(tabA.refreshTokenExpiresAt);
    expect(body(tabB).accessToken).not.toBe(tabA.accessToken);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(body(tabB).accessToken) })).statusCode).toBe(200);
    expect(await auditActions()).not.toContain('auth.refresh_token_reused');

    // the successor both tabs now hold keeps working, and rotates as usual
    const next = await refresh(tabA.refreshToken);
    expect(next.statusCode).toBe(200);
    expect(body(next).refreshToken).not.toBe(tabA.refreshToken);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(body(next).accessToken) })).statusCode).toBe(200);
  });

  it('treats a reuse after the window as theft: the session ends and the audit log says so', async () => {
    const { refreshToken } = await login(t.app, 'tabs');
    const rotated = body(await refresh(refreshToken));
    clock.advance(10 * SECOND);
    const late = await refresh(refreshToken);
    expect(late.statusCode).toBe(401);
    expect(body(late).code).toBe('refresh_token_invalid');
    expect(await auditActions()).toContain('auth.refresh_token_reused');
    expect(body(await refresh(rotated.refreshToken)).code).toBe('refresh_token_invalid');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(rotated.accessToken) })).statusCode).toBe(401);
  });

  it('does not hand out a successor that has itself been spent: that is a reuse', async () => {
    const { refreshToken } = await login(t.app, 'tabs');
    const second = body(await refresh(refreshToken));
    const third = body(await refresh(second.refreshToken));
    clock.advance(2 * SECOND);
    expect(body(await refresh(refreshToken)).code).toBe('refresh_token_invalid');
    expect(await auditActions()).toContain('auth.refresh_token_reused');
    expect(body(await refresh(third.refreshToken)).code).toBe('refresh_token_invalid');
  });

  it('gives nothing for a token of a session that has ended', async () => {
    const tokens = await login(t.app, 'tabs');
    await refresh(tokens.refreshToken);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(tokens.accessToken) }))
        .statusCode,
    ).toBe(204);
    expect(body(await refresh(tokens.refreshToken)).code).toBe('refresh_token_invalid');
  });

  it('works the same with the refresh cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tabs', password: PASSWORD, cookie: true },
    });
    const cookie = res.cookies.find((c) => c.name === 'baseline_refresh')!.value;
    const viaCookie = (value: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        headers: webClient(),
        cookies: { baseline_refresh: value },
      });
    const [a, b] = await Promise.all([viaCookie(cookie), viaCookie(cookie)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const nextA = a.cookies.find((c) => c.name === 'baseline_refresh')!.value;
    expect(b.cookies.find((c) => c.name === 'baseline_refresh')!.value).toBe(nextA);
    expect(body(b).refreshToken).toBeNull();
    expect((await viaCookie(nextA)).statusCode).toBe(200);
  });

  it('is off with REFRESH_REUSE_GRACE=0', async () => {
    const strict = await createTestApp({ clock, env: { REFRESH_REUSE_GRACE: '0' } });
    try {
      await createUser(strict.ctx, { username: 'strict' });
      const { refreshToken } = await login(strict.app, 'strict');
      const again = (token: string) =>
        strict.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: token } });
      const rotated = body(await again(refreshToken));
      expect(body(await again(refreshToken)).code).toBe('refresh_token_invalid');
      expect(body(await again(rotated.refreshToken)).code).toBe('refresh_token_invalid');
    } finally {
      await strict.close();
    }
  });
});
