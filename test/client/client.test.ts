import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createBaselineClient, unwrap, type RefreshTokenStore } from '../../client/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

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
    return {
      ...createBaselineClient({ baseUrl: base, mode: 'body', store, fetch: counting, now }),
      calls,
      stored: () => stored,
    };
  }

  it('ten requests with an expiring access token cause exactly one refresh, and all succeed', async () => {
    let now = Date.now();
    const { api, session, calls, stored } = phoneClient(() => now);
    const tokens = await unwrap(
      api.POST('/api/v1/auth/register', { body: { username: 'pat', password: 'pat passphrase' } }),
    );
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
    const tokens = await unwrap(
      api.POST('/api/v1/auth/register', { body: { username: 'quinn', password: 'quinn passphrase' } }),
    );
    await session.accept(tokens);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await session.refresh()).toBeNull();
    expect(session.snapshot).toMatchObject({ status: 'signed-out', endedBecause: 'unauthenticated' });

    const wrong = await unwrap(
      api.POST('/api/v1/auth/login', { body: { username: 'quinn', password: 'not the password' } }),
    ).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect(wrong).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'That username, email or password is not right.',
    });
  });
});
