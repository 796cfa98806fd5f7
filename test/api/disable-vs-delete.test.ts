import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { SAMPLES } from '../helpers/health-samples.ts';

/**
 * The "Disabling vs. deleting" table of the README's admin guide, one test per row.
 * Each test does the same thing to two people: one is disabled, the other deleted.
 */
describe('disabling vs. deleting', () => {
  let t: TestApp;
  let root: string;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    root = (await login(t.app, 'root')).accessToken;
  });
  afterEach(() => t.close());

  const api = (token: string) => requestsAs(t.app, token, '/api/v1');
  const disable = (id: string) => api(root).patch(`/admin/users/${id}`, { status: 'disabled' });
  const enable = (id: string) => api(root).patch(`/admin/users/${id}`, { status: 'active' });
  const remove = (id: string) => api(root).del(`/admin/users/${id}`);
  const loginRes = (username: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });

  async function pair() {
    const d = await createUser(t.ctx, { username: 'dana', email: 'dana@example.org' });
    const x = await createUser(t.ctx, { username: 'xavier', email: 'xavier@example.org' });
    return { d, x, dTokens: await login(t.app, 'dana'), xTokens: await login(t.app, 'xavier') };
  }

  it('row "Signing in": disabled → a 5-minute limited token and no refresh token; deleted → invalid_credentials', async () => {
    const { d, x } = await pair();
    await disable(d.id);
    await remove(x.id);
    const before = Date.now();
    const limited = body(await loginRes('dana'));
    const after = Date.now();
    expect(limited).toMatchObject({ limited: true, refreshToken: null, refreshTokenExpiresAt: null });
    // issued during the request for exactly LIMITED_ACCESS_TOKEN_TTL: an expired token would fail the first bound
    const expiresAt = new Date(limited.accessTokenExpiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 5 * 60_000);
    expect(body(await loginRes('xavier')).code).toBe('invalid_credentials');
  });

  it('row "Open sessions": disabled → refresh stops, access tokens fall to the limited set; deleted → ended', async () => {
    const { d, x, dTokens, xTokens } = await pair();
    await disable(d.id);
    await remove(x.id);
    expect(
      body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: dTokens.refreshToken },
        }),
      ).code,
    ).toBe('refresh_token_invalid');
    expect((await api(dTokens.accessToken).get('/me')).statusCode).toBe(200);
    expect(body(await api(dTokens.accessToken).get('/me/sessions')).code).toBe('account_disabled');
    expect(body(await api(xTokens.accessToken).get('/me')).code).toBe('unauthenticated');
    expect(
      body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: xTokens.refreshToken },
        }),
      ).code,
    ).toBe('refresh_token_invalid');
  });

  it('row "What they can do": disabled → profile, export, export history, self-deletion, logout; nothing else', async () => {
    const { d } = await pair();
    await disable(d.id);
    const { accessToken } = body(await loginRes('dana'));
    const a = api(accessToken);
    expect((await a.get('/me')).statusCode).toBe(200);
    expect((await a.get('/me/export?format=json')).statusCode).toBe(200);
    expect((await a.get('/me/export?format=zip')).statusCode).toBe(200);
    expect(body(await a.get('/me/exports')).items).toHaveLength(2);
    for (const res of [
      await a.get('/me/sessions'),
      await a.get('/check-ins'),
      await a.post('/check-ins', { date: '2026-01-01', mood: 3 }),
      await a.patch('/me', { email: 'new@example.org' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(body(res).code).toBe('account_disabled');
    }
    expect((await a.post('/auth/logout', {})).statusCode).toBe(204);
  });

  it('row "Their data": disabled → kept untouched; deleted → gone', async () => {
    const { d, x, dTokens, xTokens } = await pair();
    for (const token of [dTokens.accessToken, xTokens.accessToken]) {
      for (const s of SAMPLES)
        expect((await api(token).post(s.path.replace('/api/v1', ''), s.create)).statusCode).toBe(201);
    }
    const exportOf = async (token: string) => JSON.parse((await api(token).get('/me/export')).body);
    const before = await exportOf(dTokens.accessToken);
    await disable(d.id);
    await remove(x.id);
    const after = await exportOf(body(await loginRes('dana')).accessToken);
    for (const s of SAMPLES) expect(after[s.exportKey]).toEqual(before[s.exportKey]);
    for (const table of ['check_ins', 'observations', 'lab_results', 'integrations'] as const) {
      expect(await t.ctx.db.selectFrom(table).select('id').where('user_id', '=', x.id).execute()).toEqual([]);
    }
  });

  it('row "Undo": re-enabling restores full access at once with all data; a deletion cannot be undone', async () => {
    const { d, x, dTokens } = await pair();
    await api(dTokens.accessToken).post('/check-ins', { date: '2026-02-02', mood: 4 });
    await disable(d.id);
    const limited = body(await loginRes('dana'));
    expect((await api(limited.accessToken).get('/me/export')).statusCode).toBe(200);
    expect((await enable(d.id)).statusCode).toBe(200);
    // the limited token already in hand works fully on its next request
    expect((await api(limited.accessToken).get('/check-ins')).statusCode).toBe(200);
    const full = body(await loginRes('dana'));
    expect(full).toMatchObject({ limited: false, refreshToken: expect.any(String) });
    expect(body(await api(full.accessToken).get('/check-ins')).items.map((c: { mood: number }) => c.mood)).toEqual([4]);

    await remove(x.id);
    expect((await enable(x.id)).statusCode).toBe(404);
    expect(body(await loginRes('xavier')).code).toBe('invalid_credentials');
  });

  it('row "Username and email": disabled → stay taken; deleted → free for a new account', async () => {
    const { d, x } = await pair();
    await disable(d.id);
    await remove(x.id);
    const register = async (username: string, email: string) => {
      const invite = body(await api(root).post('/admin/invites', {}));
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username, email, password: PASSWORD, inviteCode: invite.code },
      });
    };
    const name = await register('Dana', 'someone.new@example.org');
    expect(name.statusCode).toBe(409);
    expect(body(name).code).toBe('username_taken');
    const email = await register('dana.again', 'DANA@example.org');
    expect(email.statusCode).toBe(409);
    expect(body(email).code).toBe('email_taken');
    const again = await register('Xavier', 'xavier@example.org');
    expect(again.statusCode).toBe(201);
    expect(body(again).user.id).not.toBe(x.id);
  });

  it('row "Audit log": both recorded; the deletion by id only, with nothing personal', async () => {
    const { d, x } = await pair();
    await disable(d.id);
    await remove(x.id);
    const items = body(await api(root).get('/admin/audit')).items;
    expect(items.map((e: { action: string; target: string }) => [e.action, e.target])).toEqual([
      ['user.deleted', `user:${x.id}`],
      ['user.changed', `user:${d.id}`],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/xavier/i);
  });

  it('row "Last admin": neither may leave the server without an active admin', async () => {
    const other = await createUser(t.ctx, { username: 'other', role: 'admin' });
    const otherToken = (await login(t.app, 'other')).accessToken;
    const rootId = body(await api(root).get('/me')).id;
    // other disables root; now other is the last active admin and cannot be disabled or deleted by anyone
    expect((await api(otherToken).patch(`/admin/users/${rootId}`, { status: 'disabled' })).statusCode).toBe(200);
    await createUser(t.ctx, { username: 'helper', role: 'user' });
    const res = await api(otherToken).del('/me', { password: PASSWORD });
    expect(body(res).code).toBe('last_admin');
    expect(body(await api(otherToken).patch(`/admin/users/${other.id}`, { role: 'user' })).code).toBe('last_admin');
  });
});
