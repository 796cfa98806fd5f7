import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../server/repositories/users.repository.ts';
import { bearer, body, createTestApp, webClient, type TestApp } from '../helpers/test-app.ts';
import {
  CookieJar,
  signInAtProvider,
  startOidcProvider,
  WEB_CLIENT_ID,
  WEB_CLIENT_SECRET,
} from '../helpers/oidc-test-provider.ts';
import { createInvite } from '../helpers/provider-factories.ts';

const PUBLIC_URL = 'http://baseline.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/google/callback`;

let op: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  op = await startOidcProvider(CALLBACK);
});
afterAll(() => op.close());

describe('Google sign-in for the web dashboard (authorization code + PKCE)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        REQUIRE_INVITE: 'true',
        GOOGLE_CLIENT_ID: `${WEB_CLIENT_ID},ios.apps.googleusercontent.test`,
        GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET,
        GOOGLE_ISSUER: op.issuer,
      },
    });
  });
  afterEach(() => t.close());

  /** Our authorize → the provider's login and consent → our callback; returns the callback's answer. */
  const runFlow = async (query: string, login: string, jar = new CookieJar()) => {
    const authorize = await t.app.inject({ url: `/api/v1/auth/google/authorize?${query}` });
    expect(authorize.statusCode).toBe(302);
    const flow = authorize.cookies.find((c) => c.name === 'baseline_oauth');
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/google' });
    const back = await signInAtProvider(authorize.headers.location as string, login, CALLBACK, jar);
    const callback = await t.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: flow!.value } });
    return { authorize, back, callback, flowCookie: flow!.value };
  };
  const refreshCookie = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.find((c) => c.name === 'baseline_refresh' && c.value !== '');

  it('registers with the invite, sets the refresh cookie and returns to the dashboard; then signs in again', async () => {
    const invite = await createInvite(t.ctx, { maxUses: 1 });
    const jar = new CookieJar();
    const { authorize, back, callback } = await runFlow(
      `invite=${invite.code}&returnTo=${encodeURIComponent('/settings?tab=security')}`,
      'web-alice',
      jar,
    );

    const sent = new URL(authorize.headers.location as string);
    expect(sent.origin + sent.pathname).toBe(`${op.issuer}/auth`);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: WEB_CLIENT_ID,
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(sent.searchParams.get(p)).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.get('state')).toBe(sent.searchParams.get('state'));

    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/settings?tab=security`);
    const cookie = refreshCookie(callback);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(callback.cookies.find((c) => c.name === 'baseline_oauth')?.value).toBe('');

    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(PUBLIC_URL),
      cookies: { baseline_refresh: cookie!.value },
    });
    expect(refreshed.statusCode).toBe(200);
    const tokens = body(refreshed);
    expect(tokens.user).toMatchObject({
      username: 'web-alice',
      email: 'web-alice@example.org',
      authMethods: ['google'],
    });
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);
    expect((await t.ctx.db.selectFrom('invites').select('uses').executeTakeFirstOrThrow()).uses).toBe(1);

    // a known identity needs no invite; the provider remembers the person, so no login page this time
    const again = await runFlow('', 'web-alice', jar);
    expect(again.callback.headers.location).toBe(`${PUBLIC_URL}/`);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(PUBLIC_URL),
      cookies: { baseline_refresh: refreshCookie(again.callback)!.value },
    });
    expect(body(second).user.id).toBe(tokens.user.id);
  });

  it('sends a new person without an invite to the login page with invite_required', async () => {
    const { callback } = await runFlow('returnTo=/settings', 'web-bob');
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/login?error=invite_required`);
    expect(refreshCookie(callback)).toBeUndefined();
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('gives a disabled account its limited token in the fragment, with no refresh cookie', async () => {
    const invite = await createInvite(t.ctx);
    const first = await runFlow(`invite=${invite.code}`, 'web-dora');
    const { user } = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        headers: webClient(PUBLIC_URL),
        cookies: { baseline_refresh: refreshCookie(first.callback)!.value },
      }),
    );
    await updateUser(t.ctx.db, user.id, { status: 'disabled' }, new Date().toISOString());

    const { callback } = await runFlow('returnTo=/export', 'web-dora');
    const location = new URL(callback.headers.location as string);
    expect(location.origin + location.pathname).toBe(`${PUBLIC_URL}/export`);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('limited')).toBe('true');
    expect(refreshCookie(callback)).toBeUndefined();
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(fragment.get('accessToken')!) });
    expect(body(me)).toMatchObject({ id: user.id, status: 'disabled' });
  });

  it('refuses a replayed callback, a foreign state and a missing flow cookie', async () => {
    const invite = await createInvite(t.ctx);
    const { back, flowCookie } = await runFlow(`invite=${invite.code}`, 'web-erin');
    const replay = await t.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: flowCookie } });
    expect(replay.headers.location).toBe(`${PUBLIC_URL}/register?invite=${invite.code}&error=unauthenticated`);

    const forged = new URLSearchParams(back.search);
    forged.set('state', 'x'.repeat(43));
    const foreign = await t.app.inject({ url: `${back.pathname}?${forged}`, cookies: { baseline_oauth: flowCookie } });
    expect(foreign.headers.location).toBe(`${PUBLIC_URL}/register?invite=${invite.code}&error=unauthenticated`);
    const noCookie = await t.app.inject({ url: back.pathname + back.search });
    expect(noCookie.headers.location).toBe(`${PUBLIC_URL}/login?error=unauthenticated`);
    const tampered = await t.app.inject({
      url: back.pathname + back.search,
      cookies: { baseline_oauth: flipFirstTagBit(flowCookie) },
    });
    expect(tampered.headers.location).toBe(`${PUBLIC_URL}/login?error=unauthenticated`);
  });

  it('answers a HEAD (a link prefetcher) with 404: it neither starts a flow nor spends the callback', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/auth/google/authorize' });
    expect(head.statusCode).toBe(404);
    expect(head.cookies.find((c) => c.name === 'baseline_oauth')).toBeUndefined();

    const invite = await createInvite(t.ctx);
    const authorize = await t.app.inject({ url: `/api/v1/auth/google/authorize?invite=${invite.code}` });
    const flow = authorize.cookies.find((c) => c.name === 'baseline_oauth')!.value;
    const back = await signInAtProvider(authorize.headers.location as string, 'web-hank', CALLBACK, new CookieJar());
    const url = back.pathname + back.search;
    const prefetch = await t.app.inject({ method: 'HEAD', url, cookies: { baseline_oauth: flow } });
    expect(prefetch.statusCode).toBe(404);
    const callback = await t.app.inject({ url, cookies: { baseline_oauth: flow } });
    expect(callback.statusCode).toBe(302);
    expect(refreshCookie(callback)).toBeDefined();
  });

  it('reports cancellation and bad invites before and after the provider, as redirects', async () => {
    const authorize = await t.app.inject({ url: '/api/v1/auth/google/authorize' });
    const state = new URL(authorize.headers.location as string).searchParams.get('state');
    const flow = authorize.cookies.find((c) => c.name === 'baseline_oauth')!.value;
    const cancelled = await t.app.inject({
      url: `/api/v1/auth/google/callback?error=access_denied&state=${state}`,
      cookies: { baseline_oauth: flow },
    });
    expect(cancelled.headers.location).toBe(`${PUBLIC_URL}/login?error=access_denied`);

    const bad = await t.app.inject({ url: '/api/v1/auth/google/authorize?invite=NOPE2NOPE2NOPE2' });
    expect(bad.statusCode).toBe(302);
    expect(bad.headers.location).toBe(`${PUBLIC_URL}/register?invite=NOPE2NOPE2NOPE2&error=invite_invalid`);
    expect(bad.cookies.find((c) => c.name === 'baseline_oauth')).toBeUndefined();
    expect(body(await t.app.inject({ url: '/api/v1/auth/google/authorize?next=/x' })).code).toBe('validation_failed');
  });

  it('answers not_found when the web flow is not configured', async () => {
    const noSecret = await createTestApp({
      env: { PUBLIC_URL, GOOGLE_CLIENT_ID: WEB_CLIENT_ID, GOOGLE_ISSUER: op.issuer },
    });
    try {
      const res = await noSecret.app.inject({ url: '/api/v1/auth/google/authorize' });
      expect(res.headers.location).toBe(`${PUBLIC_URL}/login?error=not_found`);
    } finally {
      await noSecret.close();
    }
  });
});

/**
 * The flow cookie with one bit of its GCM tag flipped. (Overwriting the last characters was flaky:
 * a 16-byte tag's last base64url character carries only 2 bits, so 1 run in 256 "changed" nothing.)
 */
function flipFirstTagBit(cookie: string): string {
  const [iv, ciphertext, tag] = cookie.split('.');
  const bytes = Buffer.from(tag!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  return [iv, ciphertext, bytes.toString('base64url')].join('.');
}
