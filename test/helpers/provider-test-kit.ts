import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './test-app.ts';
import type { FakeClock } from './fake-clock.ts';
import { LocalIssuer } from './local-issuer.ts';

export const GOOGLE_WEB = 'web-client.apps.googleusercontent.test';
export const GOOGLE_IOS = 'ios-client.apps.googleusercontent.test';
export const APPLE_BUNDLE = 'org.baseline.ios';

/** The environment that points Google and Apple at two local issuers. */
export function providerEnv(
  google: LocalIssuer,
  apple: LocalIssuer,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    REQUIRE_INVITE: 'false',
    GOOGLE_CLIENT_ID: `${GOOGLE_WEB},${GOOGLE_IOS}`,
    GOOGLE_ISSUER: google.url,
    APPLE_CLIENT_ID: APPLE_BUNDLE,
    APPLE_ISSUER: apple.url,
    ...extra,
  };
}

/**
 * Token makers and request shortcuts bound to one test app, its clock and its issuers. Google
 * tokens carry a fresh `jti`, as Google's do; Apple's carry none, as Apple's: two Apple tokens
 * with the same claims in the same second are one token to the server.
 */
export function providerKit(
  getApp: () => TestApp,
  clock: () => FakeClock,
  issuers: () => { google: LocalIssuer; apple: LocalIssuer },
) {
  const now = () => Math.floor(clock().now().getTime() / 1000);
  return {
    now,
    googleToken: (claims: JWTPayload = {}, sign?: Parameters<LocalIssuer['sign']>[2]) =>
      issuers().google.sign(
        {
          sub: 'google-alice',
          aud: GOOGLE_IOS,
          email: 'alice@example.org',
          email_verified: true,
          name: 'Alice Liddell',
          jti: randomUUID(),
          ...claims,
        },
        now(),
        sign,
      ),
    appleToken: (claims: JWTPayload = {}) =>
      issuers().apple.sign({ sub: 'apple-000123.abc', aud: APPLE_BUNDLE, ...claims }, now()),
    signIn: (provider: 'google' | 'apple', payload: Record<string, unknown>) =>
      getApp().app.inject({ method: 'POST', url: `/api/v1/auth/${provider}`, payload }),
    /** A fresh single-use nonce from POST /auth/nonce, as an app asks for one before the provider's prompt. */
    serverNonce: async (): Promise<string> => {
      const res = await getApp().app.inject({ method: 'POST', url: '/api/v1/auth/nonce' });
      if (res.statusCode !== 201) throw new Error(`POST /auth/nonce answered ${res.statusCode} ${res.body}`);
      return (JSON.parse(res.body) as { nonce: string }).nonce;
    },
    /** A fresh single-use link nonce from POST /me/identities/nonce, issued to the account of `accessToken`. */
    linkNonce: async (accessToken: string): Promise<string> => {
      const res = await getApp().app.inject({
        method: 'POST',
        url: '/api/v1/me/identities/nonce',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (res.statusCode !== 201) throw new Error(`POST /me/identities/nonce answered ${res.statusCode} ${res.body}`);
      return (JSON.parse(res.body) as { nonce: string }).nonce;
    },
    count: async (table: 'users' | 'identities') =>
      Number(
        (
          await getApp()
            .ctx.db.selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}

/** A local Google and a local Apple issuer (real HTTP servers) for the whole test file. */
export function useLocalIssuers(): { google: LocalIssuer; apple: LocalIssuer } {
  const issuers = {} as { google: LocalIssuer; apple: LocalIssuer };
  beforeAll(async () => {
    [issuers.google, issuers.apple] = await Promise.all([LocalIssuer.start(), LocalIssuer.start()]);
  });
  afterAll(async () => {
    await Promise.all([issuers.google.close(), issuers.apple.close()]);
  });
  return issuers;
}
