import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { startOidcProvider, WEB_CLIENT_ID, WEB_CLIENT_SECRET } from '../helpers/oidc-test-provider.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let op: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  op = await startOidcProvider('https://health.example.org/api/v1/auth/google/callback');
});
afterAll(() => op.close());

/**
 * Behind a TLS-terminating reverse proxy the server itself speaks plain HTTP, so whether a cookie
 * is `Secure` follows PUBLIC_URL, the address people use: https there, and no cookie of the
 * dashboard — the refresh token, the Google flow, the link binder — may ever travel over plain
 * HTTP; http (a local install), and the browser would drop a Secure cookie, so none is.
 */
describe.each([
  { publicUrl: 'https://health.example.org', secure: true },
  { publicUrl: 'http://localhost:8080', secure: false },
])('cookies with PUBLIC_URL=$publicUrl', ({ publicUrl, secure }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        PUBLIC_URL: publicUrl,
        GOOGLE_CLIENT_ID: WEB_CLIENT_ID,
        GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET,
        GOOGLE_ISSUER: op.issuer,
      },
    });
    await createUser(t.ctx, { username: 'cookie-owner' });
  });
  afterAll(() => t.close());

  const cookieOf = (
    res: { cookies: { name: string; value: string; httpOnly?: boolean; secure?: boolean }[] },
    name: string,
  ) => {
    const cookie = res.cookies.find((c) => c.name === name && c.value !== '');
    if (!cookie) throw new Error(`no ${name} cookie was set`);
    return cookie;
  };

  /** the two attributes at stake, absent ones as false */
  const flags = (cookie: { httpOnly?: boolean; secure?: boolean }) => ({
    httpOnly: cookie.httpOnly === true,
    secure: cookie.secure === true,
  });

  it(`sets the refresh cookie ${secure ? 'Secure' : 'without Secure'}`, async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'cookie-owner', password: PASSWORD, cookie: true },
    });
    expect(res.statusCode).toBe(200);
    expect(flags(cookieOf(res, 'baseline_refresh'))).toEqual({ httpOnly: true, secure });
  });

  it(`sets the Google sign-in flow cookie ${secure ? 'Secure' : 'without Secure'}`, async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/google/authorize' });
    expect(res.statusCode).toBe(302);
    expect(flags(cookieOf(res, 'baseline_oauth'))).toEqual({ httpOnly: true, secure });
  });

  it(`sets the Google link cookie ${secure ? 'Secure' : 'without Secure'}`, async () => {
    const { accessToken } = await login(t.app, 'cookie-owner');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/google/link-intent',
      headers: bearer(accessToken),
    });
    expect(res.statusCode).toBe(201);
    expect(flags(cookieOf(res, 'baseline_link'))).toEqual({ httpOnly: true, secure });
  });
});
