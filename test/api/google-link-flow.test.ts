import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../server/repositories/users.repository.ts';
import { LINK_TICKET_TTL_MS } from '../../server/services/google-web-flow.service.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import {
  CookieJar,
  signInAtProvider,
  startOidcProvider,
  WEB_CLIENT_ID,
  WEB_CLIENT_SECRET,
} from '../helpers/oidc-test-provider.ts';
import { createInvite } from '../helpers/provider-factories.ts';
import { bearer, body, createTestApp, webClient, type TestApp } from '../helpers/test-app.ts';

const PUBLIC_URL = 'http://baseline.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/google/callback`;
const SETTINGS = `${PUBLIC_URL}/settings/account`;

let op: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  op = await startOidcProvider(CALLBACK);
});
afterAll(() => op.close());

type Res = {
  statusCode: number;
  headers: Record<string, unknown>;
  cookies: { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; maxAge?: number }[];
};
const cookieOf = (res: Res, name: string) => res.cookies.find((c) => c.name === name);

describe('Linking Google from Settings through the browser flow (link intent)', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({
      clock,
      env: {
        PUBLIC_URL,
        REQUIRE_INVITE: 'true',
        GOOGLE_CLIENT_ID: WEB_CLIENT_ID,
        GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET,
        GOOGLE_ISSUER: op.issuer,
      },
    });
  });
  afterEach(() => t.close());

  /** A person with a password, signed in: their access token. */
  const signedIn = async (username: string): Promise<{ token: string; id: string }> => {
    await createUser(t.ctx, { username });
    const tokens = await login(t.app, username);
    return { token: tokens.accessToken, id: tokens.user.id };
  };

  const intent = async (token: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/google/link-intent',
      headers: bearer(token),
    });
    return {
      res,
      url: res.statusCode === 201 ? (body(res).url as string) : '',
      binder: cookieOf(res, 'baseline_link')?.value,
    };
  };

  /** authorize?link= with the binder cookie → the provider (as `login`) → our callback. */
  const runLink = async (url: string, binder: string | undefined, login: string, jar = new CookieJar()) => {
    const authorize = await t.app.inject({ url, cookies: binder ? { baseline_link: binder } : {} });
    expect(authorize.statusCode).toBe(302);
    const flow = cookieOf(authorize, 'baseline_oauth');
    if (!flow) return { authorize, callback: undefined };
    const back = await signInAtProvider(authorize.headers.location as string, login, CALLBACK, jar);
    const callback = await t.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: flow.value } });
    return { authorize, callback };
  };

  it('links the verified Google identity, returns to Settings, audits it, and Google then signs in to that account', async () => {
    const alice = await signedIn('alice');
    const { res, url, binder } = await intent(alice.token);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(url).toMatch(/^\/api\/v1\/auth\/google\/authorize\?link=[\w.-]+$/);
    expect(cookieOf(res, 'baseline_link')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth/google',
      maxAge: LINK_TICKET_TTL_MS / 1000,
    });

    const { authorize, callback } = await runLink(url, binder, 'alice-google');
    expect(new URL(authorize.headers.location as string).origin).toBe(op.issuer);
    expect(cookieOf(authorize, 'baseline_link')?.value).toBe('');
    expect(callback!.statusCode).toBe(302);
    expect(callback!.headers.location).toBe(`${SETTINGS}?linked=google`);
    // linking issues no tokens: the person is already signed in
    expect(callback!.cookies.find((c) => c.name === 'baseline_refresh' && c.value)).toBeUndefined();

    expect(body(await t.app.inject({ url: '/api/v1/me', headers: bearer(alice.token) })).authMethods).toEqual([
      'password',
      'google',
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', '=', 'identity.linked')
      .execute();
    expect(audit).toEqual([{ action: 'identity.linked', actor_id: alice.id }]);

    const authorizeSignIn = await t.app.inject({ url: '/api/v1/auth/google/authorize' });
    const back = await signInAtProvider(authorizeSignIn.headers.location as string, 'alice-google', CALLBACK);
    const signIn = await t.app.inject({
      url: back.pathname + back.search,
      cookies: { baseline_oauth: cookieOf(authorizeSignIn, 'baseline_oauth')!.value },
    });
    const refresh = signIn.cookies.find((c) => c.name === 'baseline_refresh' && c.value);
    const tokens = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        headers: webClient(PUBLIC_URL),
        cookies: { baseline_refresh: refresh!.value },
      }),
    );
    expect(tokens.user.id).toBe(alice.id);
  });

  it('works once, only in the browser that asked, unaltered and within five minutes', async () => {
    const bob = await signedIn('bob');
    const first = await intent(bob.token);
    const settingsError = `${SETTINGS}?error=unauthenticated`;

    const noBinder = await runLink(first.url, undefined, 'bob-google');
    expect(noBinder.authorize.headers.location).toBe(settingsError);
    const otherBinder = await runLink(first.url, (await intent(bob.token)).binder, 'bob-google');
    expect(otherBinder.authorize.headers.location).toBe(settingsError);
    // one character inside the tag changed (not the last one: it carries only 2 bits of the tag)
    const at = first.url.length - 5;
    const altered = first.url.slice(0, at) + (first.url[at] === 'A' ? 'B' : 'A') + first.url.slice(at + 1);
    const tampered = await runLink(altered, first.binder, 'bob-google');
    expect(tampered.authorize.headers.location).toBe(settingsError);
    // a flow cookie is sealed with the same key but for another purpose: it is no ticket
    const flowCookie = cookieOf(await t.app.inject({ url: '/api/v1/auth/google/authorize' }), 'baseline_oauth')!.value;
    expect(
      (await runLink(`/api/v1/auth/google/authorize?link=${flowCookie}`, first.binder, 'bob-google')).authorize.headers
        .location,
    ).toBe(settingsError);

    const late = await intent(bob.token);
    clock.advance(LINK_TICKET_TTL_MS + 1);
    expect((await runLink(late.url, late.binder, 'bob-google')).authorize.headers.location).toBe(settingsError);
    expect(
      body(await t.app.inject({ url: '/api/v1/me', headers: bearer((await login(t.app, 'bob')).accessToken) }))
        .authMethods,
    ).toEqual(['password']);
  });

  it('refuses an identity of another account and a second Google account, in words on the Settings page', async () => {
    const invite = await createInvite(t.ctx);
    // carol signs up with Google, so "carol-google" belongs to her
    const authorize = await t.app.inject({ url: `/api/v1/auth/google/authorize?invite=${invite.code}` });
    const back = await signInAtProvider(authorize.headers.location as string, 'carol-google', CALLBACK);
    await t.app.inject({
      url: back.pathname + back.search,
      cookies: { baseline_oauth: cookieOf(authorize, 'baseline_oauth')!.value },
    });

    const dave = await signedIn('dave');
    const taken = await intent(dave.token);
    expect((await runLink(taken.url, taken.binder, 'carol-google')).callback!.headers.location).toBe(
      `${SETTINGS}?error=identity_taken`,
    );

    const mine = await intent(dave.token);
    expect((await runLink(mine.url, mine.binder, 'dave-google')).callback!.headers.location).toBe(
      `${SETTINGS}?linked=google`,
    );
    const second = await intent(dave.token);
    expect((await runLink(second.url, second.binder, 'dave-other')).callback!.headers.location).toBe(
      `${SETTINGS}?error=provider_already_linked`,
    );
  });

  it('refuses when the session ended or the account was disabled while the person was at Google', async () => {
    const erin = await signedIn('erin');
    const ended = await intent(erin.token);
    const authorize = await t.app.inject({ url: ended.url, cookies: { baseline_link: ended.binder! } });
    const back = await signInAtProvider(authorize.headers.location as string, 'erin-google', CALLBACK);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(erin.token) });
    const callback = await t.app.inject({
      url: back.pathname + back.search,
      cookies: { baseline_oauth: cookieOf(authorize, 'baseline_oauth')!.value },
    });
    expect(callback.headers.location).toBe(`${SETTINGS}?error=unauthenticated`);

    const frank = await signedIn('frank');
    const disabled = await intent(frank.token);
    await updateUser(t.ctx.db, frank.id, { status: 'disabled' }, clock.now().toISOString());
    expect((await runLink(disabled.url, disabled.binder, 'frank-google')).authorize.headers.location).toBe(
      `${SETTINGS}?error=account_disabled`,
    );
    expect(body((await intent(frank.token)).res).code).toBe('account_disabled');
    expect(await t.ctx.db.selectFrom('identities').select('id').execute()).toHaveLength(0);
  });

  it('needs a signed-in caller and the web flow configured', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/identities/google/link-intent' })).statusCode).toBe(
      401,
    );
    const off = await createTestApp({ env: { PUBLIC_URL, GOOGLE_CLIENT_ID: WEB_CLIENT_ID, GOOGLE_ISSUER: op.issuer } });
    try {
      await createUser(off.ctx, { username: 'gina' });
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/me/identities/google/link-intent',
        headers: bearer((await login(off.app, 'gina')).accessToken),
      });
      expect(res.statusCode).toBe(404);
      expect(body(res).code).toBe('not_found');
    } finally {
      await off.close();
    }
  });
});
