import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptedIssuers } from '../../server/lib/identity-providers.ts';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { APPLE_BUNDLE, GOOGLE_WEB, providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';

const issuers = useLocalIssuers();

describe('ID token checks (POST /auth/google, /auth/apple)', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ env: providerEnv(issuers.google, issuers.apple), clock });
  });
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  const expectRejected = async (res: Awaited<ReturnType<typeof kit.signIn>>, detail: RegExp) => {
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res)).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(detail) });
    expect(await kit.count('users')).toBe(0);
  };

  it('registers a new identity (201), then signs it in (200)', async () => {
    const created = await kit.signIn('google', { idToken: await kit.googleToken() });
    expect(created.statusCode).toBe(201);
    const first = body(created);
    expect(first).toMatchObject({
      limited: false,
      refreshToken: expect.any(String),
      user: { username: 'alice', email: 'alice@example.org', role: 'user', status: 'active', authMethods: ['google'] },
    });
    const identity = await t.ctx.db.selectFrom('identities').selectAll().executeTakeFirstOrThrow();
    expect(identity).toMatchObject({
      user_id: first.user.id,
      provider: 'google',
      subject: 'google-alice',
      email: 'alice@example.org',
    });

    clock.advance(60_000);
    // the web client id is an accepted audience too
    const again = await kit.signIn('google', { idToken: await kit.googleToken({ aud: GOOGLE_WEB }) });
    expect(again.statusCode).toBe(200);
    expect(body(again).user.id).toBe(first.user.id);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(body(again).accessToken) })).statusCode).toBe(200);
    expect(await kit.count('users')).toBe(1);
  });

  it('stores an Apple email verified as the string "true", and names the account from fullName', async () => {
    const withEmail = await kit.signIn('apple', {
      idToken: await kit.appleToken({ email: 'x7q@privaterelay.appleid.com', email_verified: 'true' }),
    });
    expect(withEmail.statusCode).toBe(201);
    expect(body(withEmail).user).toMatchObject({
      username: 'x7q',
      email: 'x7q@privaterelay.appleid.com',
      authMethods: ['apple'],
    });
    const named = await kit.signIn('apple', {
      idToken: await kit.appleToken({ sub: 'apple-2' }),
      fullName: 'Zoë  Smith',
    });
    expect(body(named).user).toMatchObject({ username: 'Zoe.Smith', email: null });
  });

  it('rejects a token whose signature does not match the published key', async () => {
    const stray = await issuers.google.strayKey('forger');
    // signed by another key while naming the published key's kid
    await expectRejected(
      await kit.signIn('google', { idToken: await kit.googleToken({}, { key: stray, kid: issuers.google.kid }) }),
      /invalid signature/,
    );
    const published = (await kit.googleToken()).split('.');
    const forged = await kit.googleToken({ sub: 'google-mallory' }, { key: stray });
    const tampered = `${published[0]}.${forged.split('.')[1]}.${published[2]}`;
    await expectRejected(await kit.signIn('google', { idToken: tampered }), /invalid signature/);
    await expectRejected(await kit.signIn('google', { idToken: 'not.a.token' }), /malformed/);
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    await expectRejected(
      await kit.signIn('google', { idToken: await kit.googleToken({ iss: 'https://accounts.example.com' }) }),
      /not issued by the configured issuer/,
    );
    await expectRejected(
      await kit.signIn('google', {
        idToken: await kit.googleToken({ aud: 'another-app.apps.googleusercontent.test' }),
      }),
      /another app/,
    );
    // an Apple token is no Google token, even for the same app id
    await expectRejected(
      await kit.signIn('google', { idToken: await kit.appleToken({ aud: GOOGLE_WEB }) }),
      /unknown key|issuer/,
    );
    await expectRejected(
      await kit.signIn('apple', { idToken: await kit.appleToken({ aud: 'org.other.app' }) }),
      /another app/,
    );
  });

  it("accepts only Google's two issuer forms for the default issuer, and exactly an override", () => {
    expect(acceptedIssuers('google', 'https://accounts.google.com')).toEqual([
      'https://accounts.google.com',
      'accounts.google.com',
    ]);
    expect(acceptedIssuers('google', issuers.google.url)).toEqual([issuers.google.url]);
    expect(acceptedIssuers('apple', 'https://appleid.apple.com')).toEqual(['https://appleid.apple.com']);
  });

  it('rejects expired tokens beyond a small clock skew, and tokens from the future', async () => {
    const soon = await kit.googleToken({ exp: kit.now() + 10 });
    clock.advance(40_000); // 30 s past exp: within the skew
    expect((await kit.signIn('google', { idToken: soon })).statusCode).toBe(201);
    const expiring = await kit.googleToken({ exp: kit.now() + 10 });
    clock.advance(75_000); // 65 s past exp
    const expired = await kit.signIn('google', { idToken: expiring });
    expect(body(expired)).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(/expired/) });
    const future = await kit.signIn('google', {
      idToken: await kit.googleToken({ sub: 'google-new', iat: kit.now() + 300 }),
    });
    expect(body(future)).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(/future/) });
    expect(await kit.count('users')).toBe(1);
  });

  it('checks the nonce when the client sent one: equal, or its SHA-256 hex digest', async () => {
    await expectRejected(
      await kit.signIn('google', { idToken: await kit.googleToken({ nonce: 'other' }), nonce: 'n-1' }),
      /nonce/,
    );
    await expectRejected(await kit.signIn('google', { idToken: await kit.googleToken(), nonce: 'n-1' }), /nonce/);
    expect(
      (await kit.signIn('google', { idToken: await kit.googleToken({ nonce: 'n-1' }), nonce: 'n-1' })).statusCode,
    ).toBe(201);
    const hashed = createHash('sha256').update('n-2').digest('hex');
    expect(
      (await kit.signIn('apple', { idToken: await kit.appleToken({ nonce: hashed }), nonce: 'n-2' })).statusCode,
    ).toBe(201);
    expect(
      body(await kit.signIn('apple', { idToken: await kit.appleToken({ nonce: hashed }), nonce: hashed + 'x' })).code,
    ).toBe('unauthenticated');
  });

  it('refetches the keys for an unknown kid after a rotation, but not more than once per cooldown', async () => {
    const fetches = issuers.google.jwksFetches;
    expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(201);
    expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(200);
    expect(issuers.google.jwksFetches - fetches).toBe(1); // cached

    await issuers.google.rotate();
    clock.advance(5 * 60_000);
    const afterRotation = await kit.signIn('google', { idToken: await kit.googleToken() });
    expect(afterRotation.statusCode).toBe(200);
    expect(issuers.google.jwksFetches - fetches).toBe(2);

    const forged = await kit.googleToken({}, { key: await issuers.google.strayKey('made-up') });
    expect(body(await kit.signIn('google', { idToken: forged })).detail).toMatch(/unknown key/);
    expect(issuers.google.jwksFetches - fetches).toBe(2); // within the cooldown: no refetch
    clock.advance(31_000);
    expect(body(await kit.signIn('google', { idToken: forged })).detail).toMatch(/unknown key/);
    expect(issuers.google.jwksFetches - fetches).toBe(3);
  });

  it('keeps verifying with cached keys while the issuer is down', async () => {
    expect((await kit.signIn('apple', { idToken: await kit.appleToken() })).statusCode).toBe(201);
    issuers.apple.down = true;
    try {
      clock.advance(2 * 3_600_000); // past the key and discovery cache lifetimes
      const fetches = issuers.apple.jwksFetches;
      expect((await kit.signIn('apple', { idToken: await kit.appleToken() })).statusCode).toBe(200);
      expect(issuers.apple.jwksFetches).toBe(fetches + 1); // the refresh was tried, and failed
      // an unknown key cannot be looked up now: the issuer is reported unavailable, once per cooldown
      const forged = await issuers.apple.sign({ sub: 'x', aud: APPLE_BUNDLE }, kit.now(), {
        key: await issuers.apple.strayKey('new-key'),
      });
      expect(body(await kit.signIn('apple', { idToken: forged })).code).toBe('provider_unavailable');
      expect(body(await kit.signIn('apple', { idToken: forged })).code).toBe('unauthenticated');
      expect(issuers.apple.jwksFetches).toBe(fetches + 2);
    } finally {
      issuers.apple.down = false;
    }
  });

  it('says provider_unavailable when the issuer cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await createTestApp({
      env: providerEnv(issuers.google, issuers.apple, { APPLE_ISSUER: `http://127.0.0.1:${port}` }),
      clock,
    });
    try {
      const res = await down.app.inject({
        method: 'POST',
        url: '/api/v1/auth/apple',
        payload: { idToken: await kit.appleToken() },
      });
      expect(res.statusCode).toBe(502);
      expect(body(res).code).toBe('provider_unavailable');
    } finally {
      await down.close();
    }
  });
});
