import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../server/repositories/users.repository.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import {
  CookieJar,
  signInAtProvider,
  startOidcProvider,
  WEB_CLIENT_ID,
  WEB_CLIENT_SECRET,
} from '../helpers/oidc-test-provider.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';
import { runCli } from '../helpers/run-cli.ts';
import { body, createTestApp, requestsAs, webClient, type TestApp } from '../helpers/test-app.ts';

/**
 * Proof 2: whatever the way in — password, refresh, Google or Apple ID token, Google's web
 * callback, setup, resume, the command line — a disabled account gets no refresh token (in the body or
 * as a cookie) and no full token: only the limited access token of API.md, refused everywhere
 * but the limited set.
 */
const REFRESH_COOKIE = 'baseline_refresh';
const LIMITED_TTL_MS = 5 * 60_000;

type Db = TestApp['ctx']['db'];
const count = async (db: Db, table: 'sessions' | 'refresh_tokens') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const refreshCookieOf = (res: LightMyRequestResponse) =>
  res.cookies.find((c) => c.name === REFRESH_COOKIE && c.value !== '');

/** The limited token at work: refused (403 account_disabled) on a full-access route, accepted on GET /me. */
async function expectOnlyLimitedAccess(t: TestApp, accessToken: string, userId: string): Promise<void> {
  const api = requestsAs(t.app, accessToken, '/api/v1');
  const full = await api.get('/check-ins');
  expect(full.statusCode).toBe(403);
  expect(body(full).code).toBe('account_disabled');
  const me = await api.get('/me');
  expect(me.statusCode).toBe(200);
  expect(body(me)).toMatchObject({ id: userId, status: 'disabled' });
}

const issuers = useLocalIssuers();

describe('a disabled account signing in: password, refresh, Google and Apple ID tokens, setup', () => {
  let t: TestApp;
  let clock: FakeClock;
  let admin: ReturnType<typeof requestsAs>;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ env: providerEnv(issuers.google, issuers.apple), clock });
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    admin = requestsAs(t.app, (await login(t.app, 'root')).accessToken, '/api/v1');
  });
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  /** Disables through the admin API, as an admin does. */
  const disable = async (id: string) =>
    expect((await admin.patch(`/admin/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);

  /**
   * A token-issuing answer for a disabled account: limited, with no refresh token in the body, no
   * refresh cookie (even when the client asked for one), no refresh token stored, a limited lifetime.
   */
  async function expectLimitedTokens(res: LightMyRequestResponse, userId: string, refreshTokensBefore: number) {
    expect(res.statusCode).toBe(200);
    const tokens = body(res);
    expect(tokens).toMatchObject({
      limited: true,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      user: { id: userId, status: 'disabled' },
    });
    expect(Date.parse(tokens.accessTokenExpiresAt) - clock.now().getTime()).toBe(LIMITED_TTL_MS);
    expect(refreshCookieOf(res)).toBeUndefined();
    expect(await count(t.ctx.db, 'refresh_tokens')).toBe(refreshTokensBefore);
    await expectOnlyLimitedAccess(t, tokens.accessToken, userId);
  }

  it('password: a limited token, with or without cookie: true', async () => {
    const dora = await createUser(t.ctx, { username: 'dora' });
    await disable(dora.id);
    for (const cookie of [undefined, true]) {
      const before = await count(t.ctx.db, 'refresh_tokens');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'dora', password: PASSWORD, ...(cookie ? { cookie } : {}) },
      });
      await expectLimitedTokens(res, dora.id, before);
    }
  });

  it('refresh: a refresh token from before the disable is refused after it, in the body and as the cookie', async () => {
    const walt = await createUser(t.ctx, { username: 'walt' });
    const inBody = await login(t.app, 'walt');
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'walt', password: PASSWORD, cookie: true },
    });
    const cookie = refreshCookieOf(withCookie)!.value;
    await disable(walt.id);

    const byBody = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: inBody.refreshToken },
    });
    const byCookie = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(),
      cookies: { [REFRESH_COOKIE]: cookie },
    });
    for (const res of [byBody, byCookie]) {
      expect(res.statusCode).toBe(401);
      expect(body(res).code).toBe('refresh_token_invalid');
      expect(refreshCookieOf(res)).toBeUndefined();
    }
    // the access token from before the disable now reaches the limited set only
    await expectOnlyLimitedAccess(t, inBody.accessToken, walt.id);
  });

  it('refresh: refused for a disabled account even when its refresh tokens were not revoked (status set directly)', async () => {
    const vic = await createUser(t.ctx, { username: 'vic' });
    const unspent = (await login(t.app, 'vic')).refreshToken;
    const spent = (await login(t.app, 'vic')).refreshToken;
    const rotate = (refreshToken: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
    expect((await rotate(spent)).statusCode).toBe(200);
    // the repository, not the admin API: the status changes and no refresh token is revoked
    await updateUser(t.ctx.db, vic.id, { status: 'disabled' }, clock.now().toISOString());
    // an unspent token (rotation), and a token spent within its grace (which would get its successor back)
    for (const refreshToken of [unspent, spent]) {
      const res = await rotate(refreshToken);
      expect(res.statusCode).toBe(401);
      expect(body(res).code).toBe('refresh_token_invalid');
      expect(refreshCookieOf(res)).toBeUndefined();
    }
  });

  it('resume: a limited token is not traded for full ones while the account is disabled, with or without cookie: true', async () => {
    const dora = await createUser(t.ctx, { username: 'dora' });
    await disable(dora.id);
    const { accessToken } = await login(t.app, 'dora');
    for (const cookie of [undefined, true]) {
      const [sessions, refreshTokens] = [await count(t.ctx.db, 'sessions'), await count(t.ctx.db, 'refresh_tokens')];
      const res = await requestsAs(t.app, accessToken, '/api/v1').post('/auth/resume', cookie ? { cookie } : {});
      expect(res.statusCode).toBe(403);
      expect(body(res).code).toBe('account_disabled');
      expect(refreshCookieOf(res)).toBeUndefined();
      expect(await count(t.ctx.db, 'sessions')).toBe(sessions);
      expect(await count(t.ctx.db, 'refresh_tokens')).toBe(refreshTokens);
    }
    await expectOnlyLimitedAccess(t, accessToken, dora.id);
  });

  for (const provider of ['google', 'apple'] as const) {
    it(`${provider} ID token: a limited token for a known identity whose account is disabled`, async () => {
      // a fresh ID token for every sign-in: the server refuses one it has seen
      const idToken = () =>
        provider === 'google' ? kit.googleToken({ jti: randomUUID() }) : kit.appleToken({ jti: randomUUID() });
      const created = await kit.signIn(provider, { idToken: await idToken() });
      expect(created.statusCode).toBe(201);
      const { user, refreshToken } = body(created);
      expect(refreshToken).toEqual(expect.any(String));
      await disable(user.id);

      clock.advance(60_000);
      const before = await count(t.ctx.db, 'refresh_tokens');
      await expectLimitedTokens(
        await kit.signIn(provider, { idToken: await idToken(), cookie: true }),
        user.id,
        before,
      );
      // the refresh token of the first sign-in died with the disable
      const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
      expect(body(refresh).code).toBe('refresh_token_invalid');
    });
  }

  it('setup: never for a disabled account — with one, even the only one, setup is done and issues nothing', async () => {
    const t2 = await createTestApp({ clock });
    try {
      const only = await createUser(t2.ctx, { username: 'lonely', role: 'admin', status: 'disabled' });
      const res = await t2.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { setupToken: t2.config.setupToken, username: 'newcomer', password: PASSWORD, cookie: true },
      });
      expect(res.statusCode).toBe(409);
      expect(body(res).code).toBe('setup_done');
      expect(refreshCookieOf(res)).toBeUndefined();
      expect(await count(t2.ctx.db, 'sessions')).toBe(0);
      expect(await count(t2.ctx.db, 'refresh_tokens')).toBe(0);
      expect((await t2.ctx.db.selectFrom('users').select('id').execute()).map((u) => u.id)).toEqual([only.id]);
    } finally {
      await t2.close();
    }
  });
});

describe("a disabled account through Google's web flow (authorization code, the dashboard's sign-in)", () => {
  const PUBLIC_URL = 'http://baseline.test';
  const CALLBACK = `${PUBLIC_URL}/api/v1/auth/google/callback`;
  let op: Awaited<ReturnType<typeof startOidcProvider>>;
  let t: TestApp;
  beforeAll(async () => {
    op = await startOidcProvider(CALLBACK);
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        REQUIRE_INVITE: 'false',
        GOOGLE_CLIENT_ID: WEB_CLIENT_ID,
        GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET,
        GOOGLE_ISSUER: op.issuer,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await op.close();
  });

  /** Our authorize → the provider's login and consent → our callback; returns the callback's answer. */
  const runFlow = async (login: string, jar: CookieJar) => {
    const authorize = await t.app.inject({ url: '/api/v1/auth/google/authorize?returnTo=/export' });
    const flow = authorize.cookies.find((c) => c.name === 'baseline_oauth')!.value;
    const back = await signInAtProvider(authorize.headers.location as string, login, CALLBACK, jar);
    return t.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: flow } });
  };

  it('sets no refresh cookie, puts only a limited access token in the fragment, and the old cookie is refused', async () => {
    const jar = new CookieJar();
    const first = await runFlow('web-dora', jar);
    const cookie = refreshCookieOf(first)!.value;
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'web-dora')
      .executeTakeFirstOrThrow();
    await updateUser(t.ctx.db, user.id, { status: 'disabled' }, new Date().toISOString());

    const before = await count(t.ctx.db, 'refresh_tokens');
    const callback = await runFlow('web-dora', jar);
    expect(callback.statusCode).toBe(302);
    expect(refreshCookieOf(callback)).toBeUndefined();
    expect(await count(t.ctx.db, 'refresh_tokens')).toBe(before);
    const location = new URL(callback.headers.location as string);
    expect(location.origin + location.pathname).toBe(`${PUBLIC_URL}/export`);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect([...fragment.keys()].sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'limited']);
    expect(fragment.get('limited')).toBe('true');
    await expectOnlyLimitedAccess(t, fragment.get('accessToken')!, user.id);

    // the refresh cookie of the sign-in before the disable is refused
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(PUBLIC_URL),
      cookies: { [REFRESH_COOKIE]: cookie },
    });
    expect(stale.statusCode).toBe(401);
    expect(body(stale).code).toBe('refresh_token_invalid');
  });
});

describe('the command line issues no tokens, also when it touches a disabled account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reset-password and enable create no session and no refresh token', async () => {
    const dora = await createUser(t.ctx, { username: 'cli-dora', status: 'disabled' });
    const limited = await login(t.app, 'cli-dora');
    expect(limited).toMatchObject({ limited: true, refreshToken: null });
    const sessions = await count(t.ctx.db, 'sessions');
    const refreshTokens = await count(t.ctx.db, 'refresh_tokens');
    const cli = (args: string[], stdin = '') => runCli(args, { env: { DATABASE_URL: t.config.databaseUrl }, stdin });

    const reset = await cli(['reset-password', 'cli-dora'], 'a new passphrase for dora\n');
    expect(reset.code).toBe(0);
    expect(reset.out).not.toMatch(/token/i);
    expect(await count(t.ctx.db, 'sessions')).toBe(sessions);
    expect(await count(t.ctx.db, 'refresh_tokens')).toBe(refreshTokens);

    const enable = await cli(['enable', 'cli-dora']);
    expect(enable.code).toBe(0);
    expect(enable.out).not.toMatch(/token/i);
    expect(await count(t.ctx.db, 'sessions')).toBe(sessions);
    expect(await count(t.ctx.db, 'refresh_tokens')).toBe(refreshTokens);
    const row = await t.ctx.db.selectFrom('users').select('status').where('id', '=', dora.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });
});
