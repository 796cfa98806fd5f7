import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createBaselineClient, messageForCode, unwrap, type RefreshTokenStore } from '../../client/index.ts';
import { generateSchemaSource } from '../../client/openapi-document.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the typed API client', () => {
  it('client/schema.d.ts is generated from the server as it is now (run `npm run client:types` after changing a route)', async () => {
    expect(readFileSync(new URL('../../client/schema.d.ts', import.meta.url), 'utf8')).toBe(await generateSchemaSource());
  });

  it('has plain words for every error code of API.md and of README, never a bare status', () => {
    // the error table of API.md, then the additions README lists, then the web flow's redirect codes
    const codes = [
      'validation_failed', 'unauthenticated', 'invalid_credentials', 'refresh_token_invalid', 'forbidden', 'account_disabled',
      'invite_required', 'invite_invalid', 'invite_expired', 'invite_exhausted', 'invite_revoked', 'cannot_disable_self',
      'cannot_delete_self', 'not_found', 'username_taken', 'email_taken', 'email_in_use', 'last_admin', 'setup_done', 'rate_limited',
      'identity_taken', 'provider_already_linked', 'last_sign_in_method', 'provider_unavailable', 'dashboard_not_built',
      'access_denied', 'provider_error',
    ];
    const generic = messageForCode('no_such_code');
    for (const code of codes) expect(messageForCode(code), code).not.toBe(generic);
    expect(messageForCode('rate_limited', { retryAfterSeconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
  });
});

describe('one refresh however many requests need it (against the real server)', () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    base = `http://127.0.0.1:${port}`;
  });
  afterEach(() => t.close());

  function phoneClient(now: () => number) {
    let stored: string | null = null;
    const store: RefreshTokenStore = { get: async () => stored, set: async (v) => void (stored = v) };
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return fetch(input, init);
    };
    return { ...createBaselineClient({ baseUrl: base, mode: 'body', store, fetch: counting, now }), calls, stored: () => stored };
  }

  it('ten requests with an expiring access token cause exactly one refresh, and all succeed', async () => {
    let now = Date.now();
    const { api, session, calls, stored } = phoneClient(() => now);
    const tokens = await unwrap(api.POST('/api/v1/auth/register', { body: { username: 'pat', password: 'pat passphrase' } }));
    await session.accept(tokens);
    const first = stored();
    now += 14.8 * 60_000; // 12 s before the 15-minute token expires: inside the early-refresh margin
    const results = await Promise.all(Array.from({ length: 10 }, () => unwrap(api.GET('/api/v1/me'))));
    expect(results.every((u) => u.username === 'pat')).toBe(true);
    expect(calls.filter((p) => p === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(stored()).not.toBe(first);
    expect(session.snapshot.status).toBe('signed-in');
  });

  it('a refused refresh signs the person out and says why; failures arrive as ApiError with words', async () => {
    const { api, session } = phoneClient(() => Date.now());
    const tokens = await unwrap(api.POST('/api/v1/auth/register', { body: { username: 'quinn', password: 'quinn passphrase' } }));
    await session.accept(tokens);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(await session.refresh()).toBeNull();
    expect(session.snapshot).toMatchObject({ status: 'signed-out', endedBecause: 'unauthenticated' });

    const wrong = await unwrap(api.POST('/api/v1/auth/login', { body: { username: 'quinn', password: 'not the password' } })).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'That username, email or password is not right.' });
  });
});
