import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';

describe('bad input gets a clear problem and changes nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
  });
  afterAll(() => t.close());

  const register = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: payload as string, headers });

  it.each([
    [{ username: 'ab', password: 'long enough pw' }, '/username'],
    [{ username: 'has space', password: 'long enough pw' }, '/username'],
    [{ username: 'x'.repeat(33), password: 'long enough pw' }, '/username'],
    [{ username: 'valid', password: 'short' }, '/password'],
    [{ username: 'valid', password: 'p'.repeat(1025) }, '/password'],
    [{ username: 'valid', password: 'long enough pw', email: 'not-an-email' }, '/email'],
    [{ username: 'valid', password: 'long enough pw', isAdmin: true }, '/isAdmin'],
    [{ username: 'valid', password: 12345678 }, '/password'],
    [{ password: 'long enough pw' }, '/username'],
  ])('register %j → 400 naming %s', async (payload, path) => {
    const res = await register(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = body(res);
    expect(problem).toMatchObject({ type: 'about:blank', status: 400, code: 'validation_failed' });
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('answers malformed JSON with validation_failed', async () => {
    const res = await register('{"username": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(body(res).code).toBe('validation_failed');
  });

  it('accepts long passphrases with no composition rules', async () => {
    const res = await register({ username: 'passphrase.fan', password: 'all lower case words are fine '.repeat(30) });
    expect(res.statusCode).toBe(201);
  });

  it('rejects unknown fields and bad path ids on authenticated routes too', async () => {
    await createUser(t.ctx, { username: 'vera' });
    const { accessToken } = await login(t.app, 'vera');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(accessToken),
      payload: { role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(body(res).errors).toEqual([{ path: '/role', message: 'is not an allowed field' }]);
    const me = body(await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) }));
    expect(me.role).toBe('user');

    // path parameters are checked against their schema before anything is looked up
    const tooLong = 'x'.repeat(65);
    for (const [method, url, path] of [
      ['GET', `/api/v1/check-ins/${tooLong}`, 'params:/id'],
      ['PATCH', `/api/v1/interventions/${tooLong}`, 'params:/id'],
      ['DELETE', `/api/v1/me/sessions/${tooLong}`, 'params:/id'],
      ['DELETE', '/api/v1/me/identities/facebook', 'params:/provider'],
    ] as const) {
      const bad = await t.app.inject({
        method,
        url,
        headers: bearer(accessToken),
        ...(method === 'PATCH' ? { payload: { notes: 'x' } } : {}),
      });
      expect(bad.statusCode, url).toBe(400);
      expect(body(bad)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(new Set(body(bad).errors.map((e: { path: string }) => e.path)), url).toEqual(new Set([path]));
    }
  });

  it('answers unknown routes with a not_found problem', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(body(res).code).toBe('not_found');
  });
});
