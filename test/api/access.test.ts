import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { changeUser } from '../../server/services/change-user.service.ts';

// the actor × action table of the policy itself is test/unit/policies/access.policy.test.ts
describe('role and status are read from the database on every request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('applies a disable, a re-enable and a deletion to tokens already issued', async () => {
    const admin = await createUser(t.ctx, { username: 'boss', role: 'admin' });
    const user = await createUser(t.ctx, { username: 'walt' });
    const tokens = await login(t.app, 'walt');
    const get = (url: string) => t.app.inject({ url, headers: bearer(tokens.accessToken) });

    expect((await get('/api/v1/me/sessions')).statusCode).toBe(200);
    await changeUser(t.ctx, admin.id, user.id, { status: 'disabled' });
    const refused = await get('/api/v1/me/sessions');
    expect(refused.statusCode).toBe(403);
    expect(body(refused).code).toBe('account_disabled');
    expect(body(await get('/api/v1/me')).status).toBe('disabled');
    // disabling stopped the refresh token
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(body(refresh).code).toBe('refresh_token_invalid');

    await changeUser(t.ctx, admin.id, user.id, { status: 'active' });
    expect((await get('/api/v1/me/sessions')).statusCode).toBe(200);

    await t.ctx.db.deleteFrom('users').where('id', '=', user.id).execute();
    const gone = await get('/api/v1/me');
    expect(gone.statusCode).toBe(401);
    expect(body(gone).code).toBe('unauthenticated');
  });

  it('gives a disabled account a limited token without refresh token', async () => {
    await createUser(t.ctx, { username: 'dora', status: 'disabled' });
    const tokens = await login(t.app, 'dora');
    expect(tokens).toMatchObject({ limited: true, refreshToken: null, refreshTokenExpiresAt: null });
    const lifetime = new Date(tokens.accessTokenExpiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(tokens.accessToken),
      payload: { email: 'd@example.org' },
    });
    expect(body(patch).code).toBe('account_disabled');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(tokens.accessToken) }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(401);
  });

  it('refuses a demotion or disable that would leave no active admin', async () => {
    const t2 = await createTestApp();
    try {
      const only = await createUser(t2.ctx, { username: 'solo', role: 'admin' });
      await expect(changeUser(t2.ctx, null, only.id, { role: 'user' })).rejects.toMatchObject({ code: 'last_admin' });
      await expect(changeUser(t2.ctx, only.id, only.id, { status: 'disabled' })).rejects.toMatchObject({
        code: 'cannot_disable_self',
      });
      const second = await createUser(t2.ctx, { username: 'duo', role: 'admin' });
      // two admins demoting each other at the same moment: exactly one succeeds
      const results = await Promise.allSettled([
        changeUser(t2.ctx, only.id, second.id, { role: 'user' }),
        changeUser(t2.ctx, second.id, only.id, { role: 'user' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await t2.ctx.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
      expect(admins).toHaveLength(1);
    } finally {
      await t2.close();
    }
  });
});
