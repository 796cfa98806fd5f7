import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';
import { listen, sendTogether, tally } from '../helpers/races.ts';
import { bearer, body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';

/**
 * POST /api/v1/auth/resume (README, API additions): a person who signed in while their account
 * was disabled holds a limited access token and no refresh token. Once an admin enables the
 * account, that token is traded, once, for the tokens a login gives — the iOS app's "a re-enable
 * is noticed on the next request and the full app returns without signing in again".
 */
const ACCESS_TTL_MS = 15 * 60_000;
const LIMITED_TTL_MS = 5 * 60_000;
const REFRESH_COOKIE = 'baseline_refresh';
const IPHONE = 'Baseline/1.0 (iPhone; iOS 26.1)';

const issuers = useLocalIssuers();

describe('POST /api/v1/auth/resume', () => {
  let t: TestApp;
  let clock: FakeClock;
  let admin: ReturnType<typeof requestsAs>;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, env: providerEnv(issuers.google, issuers.apple) });
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    admin = requestsAs(t.app, (await login(t.app, 'root')).accessToken, '/api/v1');
  });
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  const setStatus = async (id: string, status: 'active' | 'disabled') =>
    expect((await admin.patch(`/admin/users/${id}`, { status })).statusCode).toBe(200);
  /** Resumes as the bearer of `token` (none when null), with the body given (none when absent). */
  const resume = (token: string | null, payload?: object, userAgent = IPHONE) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/resume',
      headers: { ...(token === null ? {} : bearer(token)), 'user-agent': userAgent },
      ...(payload === undefined ? {} : { payload }),
    });
  const expectRefusal = (res: LightMyRequestResponse, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(body(res).code).toBe(code);
  };
  const sessionsOf = (userId: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  const refreshTokensOf = (userId: string) =>
    t.ctx.db
      .selectFrom('refresh_tokens as r')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .select('r.id')
      .where('s.user_id', '=', userId)
      .execute();
  /** A disabled account signed in with its password: the limited token the app holds. */
  const limitedSignIn = async (username: string) => {
    const user = await createUser(t.ctx, { username });
    await setStatus(user.id, 'disabled');
    const tokens = await login(t.app, username);
    expect(tokens).toMatchObject({ limited: true, refreshToken: null });
    return { user, limitedToken: tokens.accessToken as string };
  };

  it('refuses while the account is disabled; once enabled, gives full tokens, once, and the limited session ends', async () => {
    const { user, limitedToken } = await limitedSignIn('dora');
    const [limitedSession] = await sessionsOf(user.id);

    // still disabled: account_disabled, and nothing changes
    clock.advance(30_000);
    expectRefusal(await resume(limitedToken, {}), 403, 'account_disabled');
    expect(await sessionsOf(user.id)).toEqual([limitedSession]);
    expect(await refreshTokensOf(user.id)).toEqual([]);
    expect((await requestsAs(t.app, limitedToken, '/api/v1').get('/me')).statusCode).toBe(200);

    // an admin enables the account; a minute later the app resumes, without a body (a bare POST)
    await setStatus(user.id, 'active');
    clock.advance(60_000);
    const res = await resume(limitedToken);
    expect(res.statusCode, res.body).toBe(200);
    const tokens = body(res);
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      accessTokenExpiresAt: new Date(clock.now().getTime() + ACCESS_TTL_MS).toISOString(),
      refreshToken: expect.any(String),
      refreshTokenExpiresAt: expect.any(String),
      limited: false,
      user: expect.objectContaining({ id: user.id, username: 'dora', status: 'active', authMethods: ['password'] }),
    });
    expect(res.headers['set-cookie']).toBeUndefined();

    // the new access token reaches a full-access route, the refresh token refreshes
    const full = requestsAs(t.app, tokens.accessToken, '/api/v1');
    expect((await full.get('/check-ins')).statusCode).toBe(200);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(body(refreshed)).toMatchObject({ limited: false, refreshToken: expect.any(String) });

    // the limited token stopped working, and cannot resume a second time
    expectRefusal(await requestsAs(t.app, limitedToken, '/api/v1').get('/me'), 401, 'unauthenticated');
    expectRefusal(await resume(limitedToken), 401, 'unauthenticated');

    // one open session: the resumed one, on this device, continuing the limited session's sign-in
    const listed = await requestsAs(t.app, body(refreshed).accessToken, '/api/v1').get('/me/sessions');
    expect(listed.statusCode).toBe(200);
    expect(body(listed).items).toEqual([expect.objectContaining({ userAgent: IPHONE, current: true })]);
    const [ended, resumed] = await sessionsOf(user.id);
    expect(ended.id).toBe(limitedSession.id);
    expect(ended.ended_at).not.toBeNull();
    expect(resumed).toMatchObject({
      ended_at: null,
      sign_in_method: 'password',
      signed_in_at: limitedSession.signed_in_at,
      user_agent: IPHONE,
    });
  });

  it("continues a Google sign-in: the full session keeps the limited one's method and sign-in time", async () => {
    const created = await kit.signIn('google', { idToken: await kit.googleToken() });
    expect(created.statusCode).toBe(201);
    const userId = body(created).user.id as string;
    await setStatus(userId, 'disabled');
    clock.advance(60_000);
    const limited = await kit.signIn('google', { idToken: await kit.googleToken({ jti: randomUUID() }) });
    expect(body(limited)).toMatchObject({ limited: true, refreshToken: null });
    const limitedSession = (await sessionsOf(userId)).at(-1)!;
    expect(limitedSession.sign_in_method).toBe('google');

    await setStatus(userId, 'active');
    clock.advance(60_000);
    const res = await resume(body(limited).accessToken, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toMatchObject({ limited: false, user: { id: userId, authMethods: ['google'] } });
    const resumed = (await sessionsOf(userId)).at(-1)!;
    expect(resumed.id).not.toBe(limitedSession.id);
    expect(resumed).toMatchObject({ sign_in_method: 'google', signed_in_at: limitedSession.signed_in_at });
  });

  it('sets the refresh token as the cookie when asked to (cookie: true), like a login', async () => {
    const { user, limitedToken } = await limitedSignIn('webby');
    await setStatus(user.id, 'active');
    const res = await resume(limitedToken, { cookie: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toMatchObject({ limited: false, refreshToken: null, refreshTokenExpiresAt: expect.any(String) });
    const cookie = res.cookies.find((c) => c.name === REFRESH_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(cookie!.value).not.toBe('');
  });

  it('refuses a full session’s token with 403 forbidden, and mints nothing — also one whose refresh token a disable revoked', async () => {
    const walt = await createUser(t.ctx, { username: 'walt' });
    const signedIn = await login(t.app, 'walt');
    const before = await sessionsOf(walt.id);
    expectRefusal(await resume(signedIn.accessToken, {}), 403, 'forbidden');
    expect(await sessionsOf(walt.id)).toEqual(before);
    expect(await refreshTokensOf(walt.id)).toHaveLength(1);
    expect((await requestsAs(t.app, signedIn.accessToken, '/api/v1').get('/check-ins')).statusCode).toBe(200);

    // disabled (its refresh token is deleted) and enabled again: the session has no refresh token
    // left, as a limited one, but its token is a full one and still cannot become a 30-day session
    await setStatus(walt.id, 'disabled');
    await setStatus(walt.id, 'active');
    expect(await refreshTokensOf(walt.id)).toEqual([]);
    expectRefusal(await resume(signedIn.accessToken, {}), 403, 'forbidden');
    expect((await sessionsOf(walt.id)).map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(await refreshTokensOf(walt.id)).toEqual([]);
  });

  it('answers 401 unauthenticated without a token, with a bad one, after logout, expiry or deletion', async () => {
    expectRefusal(await resume(null, {}), 401, 'unauthenticated');
    expectRefusal(await resume('not.a.token', {}), 401, 'unauthenticated');

    // ended by logout
    const ann = await limitedSignIn('ann');
    await setStatus(ann.user.id, 'active');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(ann.limitedToken) });
    expect(out.statusCode).toBe(204);
    expectRefusal(await resume(ann.limitedToken, {}), 401, 'unauthenticated');

    // expired: the limited session lasts LIMITED_ACCESS_TOKEN_TTL
    const bo = await limitedSignIn('bo');
    await setStatus(bo.user.id, 'active');
    clock.advance(LIMITED_TTL_MS);
    expectRefusal(await resume(bo.limitedToken, {}), 401, 'unauthenticated');

    // deleted by an admin
    const cy = await limitedSignIn('cy');
    await setStatus(cy.user.id, 'active');
    expect((await admin.del(`/admin/users/${cy.user.id}`)).statusCode).toBe(204);
    expectRefusal(await resume(cy.limitedToken, {}), 401, 'unauthenticated');

    for (const u of [ann.user, bo.user]) expect(await refreshTokensOf(u.id)).toEqual([]);
  });

  it('refuses an unknown body field (400), after the access check', async () => {
    const { user, limitedToken } = await limitedSignIn('eve');
    await setStatus(user.id, 'active');
    expectRefusal(await resume(limitedToken, { refreshToken: 'x' }), 400, 'validation_failed');
    expect(await refreshTokensOf(user.id)).toEqual([]);
    expect((await resume(limitedToken, {})).statusCode).toBe(200);
  });
});

describe('simultaneous resumes with one limited token', () => {
  it('let exactly one through; the others are 401 and the account has one open session', async () => {
    const clock = new FakeClock();
    const t = await createTestApp({ clock });
    try {
      const base = await listen(t);
      await createUser(t.ctx, { username: 'root', role: 'admin' });
      const admin = requestsAs(t.app, (await login(t.app, 'root')).accessToken, '/api/v1');
      for (let round = 1; round <= 3; round++) {
        const user = await createUser(t.ctx, { username: `racer${round}` });
        expect((await admin.patch(`/admin/users/${user.id}`, { status: 'disabled' })).statusCode).toBe(200);
        const limitedToken = (await login(t.app, user.username)).accessToken as string;
        expect((await admin.patch(`/admin/users/${user.id}`, { status: 'active' })).statusCode).toBe(200);

        const n = 5;
        const answers = await sendTogether(
          base,
          Array.from({ length: n }, () => ({ method: 'POST', path: '/auth/resume', token: limitedToken, payload: {} })),
        );
        expect(tally(answers), `round ${round}`).toEqual({ 200: 1, 401: n - 1 });
        expect(new Set(answers.filter((a) => a.status === 401).map((a) => a.code))).toEqual(
          new Set(['unauthenticated']),
        );
        const open = await t.ctx.db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', user.id)
          .where('ended_at', 'is', null)
          .execute();
        expect(open, `round ${round}: the resumed session only`).toHaveLength(1);
        const refreshTokens = await t.ctx.db
          .selectFrom('refresh_tokens')
          .select('session_id')
          .where(
            'session_id',
            'in',
            open.map((s) => s.id),
          )
          .execute();
        expect(refreshTokens).toHaveLength(1);
      }
    } finally {
      await t.close();
    }
  });
});

describe('rate limit', () => {
  it('answers the 11th resume within a minute with 429 rate_limited, like sign-in', async () => {
    const t = await createTestApp({ env: { RATE_LIMITS: 'on' } });
    try {
      await createUser(t.ctx, { username: 'hammer' });
      const { accessToken } = await login(t.app, 'hammer');
      const attempt = () =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/resume', headers: bearer(accessToken), payload: {} });
      for (let i = 0; i < 10; i++) expect(body(await attempt()).code).toBe('forbidden');
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(body(limited).code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
