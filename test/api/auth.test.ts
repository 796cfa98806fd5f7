import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, webClient, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';

const MINUTE = 60_000;

describe('password accounts and tokens', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' }, clock });
  });
  afterEach(() => t.close());

  const register = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });

  it('registers, logs in by username or email, and reads /me', async () => {
    const res = await register({ username: 'Alice', password: 'alice passphrase', email: 'Alice@Example.org' });
    expect(res.statusCode).toBe(201);
    const reg = body(res);
    expect(reg.user).toMatchObject({
      username: 'Alice',
      email: 'Alice@Example.org',
      role: 'user',
      status: 'active',
      authMethods: ['password'],
    });
    expect(reg).not.toHaveProperty('user.password_hash');

    for (const name of ['alice', 'ALICE', 'alice@example.org']) {
      const tokens = body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: name, password: 'alice passphrase' },
        }),
      );
      expect(tokens.user.id).toBe(reg.user.id);
      const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) });
      expect(body(me)).toEqual(reg.user);
    }
  });

  it('treats usernames case-insensitively and refuses taken names and emails', async () => {
    expect((await register({ username: 'bob', password: 'bob passphrase', email: 'bob@example.org' })).statusCode).toBe(
      201,
    );
    const dup = await register({ username: 'BOB', password: 'another passphrase' });
    expect(dup.statusCode).toBe(409);
    expect(body(dup).code).toBe('username_taken');
    const dupEmail = await register({ username: 'robert', password: 'another passphrase', email: 'BOB@example.org' });
    expect(body(dupEmail).code).toBe('email_taken');
  });

  it('answers wrong passwords and unknown users alike', async () => {
    await createUser(t.ctx, { username: 'carol' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'carol', password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    // the same problem document, but for `instance`: each names its own request
    expect({ ...body(wrong), instance: null }).toEqual({ ...body(unknown), instance: null });
    expect(body(wrong).code).toBe('invalid_credentials');
  });

  it('expires access tokens after ACCESS_TOKEN_TTL', async () => {
    await createUser(t.ctx, { username: 'dave' });
    const tokens = await login(t.app, 'dave');
    expect(new Date(tokens.accessTokenExpiresAt).getTime() - clock.now().getTime()).toBe(15 * MINUTE);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);
    clock.advance(15 * MINUTE + 1000);
    const expired = await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) });
    expect(expired.statusCode).toBe(401);
    expect(body(expired).code).toBe('unauthenticated');
  });

  it('rejects malformed, tampered and foreign-algorithm tokens', async () => {
    await createUser(t.ctx, { username: 'erin' });
    const { accessToken } = await login(t.app, 'erin');
    const [h, p] = accessToken.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' }),
    ).toString('base64url');
    for (const token of ['garbage', `${none}.${p}.`, `${h}.${forged}.${accessToken.split('.')[2]}`]) {
      const res = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
      expect(body(res).code).toBe('unauthenticated');
    }
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Basic ${accessToken}` } })).statusCode,
    ).toBe(401);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    await createUser(t.ctx, { username: 'frank' });
    const first = await login(t.app, 'frank');
    const refresh = (refreshToken: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

    const second = body(await refresh(first.refreshToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.username).toBe('frank');
    const third = body(await refresh(second.refreshToken));
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(third.accessToken) })).statusCode).toBe(200);

    // an attacker replays the first, already-spent token
    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(body(replay).code).toBe('refresh_token_invalid');
    // the whole session is gone: the latest refresh token and the access token die with it
    expect(body(await refresh(third.refreshToken)).code).toBe('refresh_token_invalid');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(third.accessToken) })).statusCode).toBe(401);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('auth.refresh_token_reused');
  });

  it('rotates a token only once when two refreshes race with it: both get the same successor', async () => {
    await createUser(t.ctx, { username: 'gina' });
    const { refreshToken } = await login(t.app, 'gina');
    const results = await Promise.all(
      [1, 2].map(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })),
    );
    // within the reuse grace window the loser is answered with the winner's successor, never a second one
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(new Set(results.map((r) => body(r).refreshToken)).size).toBe(1);
    expect(await t.ctx.db.selectFrom('refresh_tokens').select('id').execute()).toHaveLength(2);
  });

  it('expires an unused refresh token after REFRESH_IDLE_TTL (session-lifetime.test.ts: the 30-day end)', async () => {
    await createUser(t.ctx, { username: 'hank' });
    const { refreshToken, refreshTokenExpiresAt } = await login(t.app, 'hank');
    expect(new Date(refreshTokenExpiresAt).getTime() - clock.now().getTime()).toBe(14 * 24 * 60 * MINUTE);
    clock.advance(14 * 24 * 60 * MINUTE + 1000);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
    expect(body(res).code).toBe('refresh_token_invalid');
  });

  it('logout ends the session of the bearer token, and of a refresh token alone', async () => {
    await createUser(t.ctx, { username: 'ivy' });
    const a = await login(t.app, 'ivy');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a.accessToken) });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(a.accessToken) })).statusCode).toBe(401);
    expect(
      body(
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: a.refreshToken } }),
      ).code,
    ).toBe('refresh_token_invalid');

    const b = await login(t.app, 'ivy');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: b.refreshToken } }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(b.accessToken) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401);
  });

  it('keeps the refresh token in an httpOnly cookie for web clients', async () => {
    await createUser(t.ctx, { username: 'jules' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'jules', password: PASSWORD, cookie: true },
    });
    expect(body(res).refreshToken).toBeNull();
    const cookie = res.cookies.find((c) => c.name === 'baseline_refresh')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(),
      cookies: { baseline_refresh: cookie.value },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(body(refreshed).refreshToken).toBeNull();
    const next = refreshed.cookies.find((c) => c.name === 'baseline_refresh')!;
    expect(next.value).not.toBe(cookie.value);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: webClient(),
      cookies: { baseline_refresh: next.value },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'baseline_refresh')?.value).toBe('');
  });
});
