import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { decide, LIMITED_ACTIONS, ROLE_ACTIONS, type Action } from '../../server/policies/access.policy.ts';
import { changeUser } from '../../server/services/change-user.service.ts';

const ALL_ACTIONS = [...ROLE_ACTIONS.admin] as Action[];
const ADMIN_ONLY: Action[] = ['users:manage', 'invites:manage', 'audit:read'];

describe('access policy (actor × action)', () => {
  const cases = ALL_ACTIONS.flatMap((action) =>
    (['admin', 'user'] as const).flatMap((role) =>
      (['active', 'disabled'] as const).map((status) => {
        let expected: string;
        if (status === 'disabled' && !LIMITED_ACTIONS.has(action)) expected = 'account_disabled';
        else if (role === 'user' && ADMIN_ONLY.includes(action)) expected = 'forbidden';
        else expected = 'allow';
        return { role, status, action, expected };
      }),
    ),
  );
  it.each(cases)('$role/$status → $action: $expected', ({ role, status, action, expected }) => {
    expect(decide({ role, status }, action)).toBe(expected);
  });

  it('keeps the limited set to exactly what API.md marks L', () => {
    expect([...LIMITED_ACTIONS].sort()).toEqual(['auth:logout', 'me:delete', 'me:export', 'me:read']);
  });
});

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
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: tokens.refreshToken } });
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
    expect(new Date(tokens.accessTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(tokens.accessToken), payload: { email: 'd@example.org' } });
    expect(body(patch).code).toBe('account_disabled');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(tokens.accessToken) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(401);
  });

  it('refuses a demotion or disable that would leave no active admin', async () => {
    const t2 = await createTestApp();
    try {
      const only = await createUser(t2.ctx, { username: 'solo', role: 'admin' });
      await expect(changeUser(t2.ctx, null, only.id, { role: 'user' })).rejects.toMatchObject({ code: 'last_admin' });
      await expect(changeUser(t2.ctx, only.id, only.id, { status: 'disabled' })).rejects.toMatchObject({ code: 'cannot_disable_self' });
      const second = await createUser(t2.ctx, { username: 'duo', role: 'admin' });
      // two admins demoting each other at the same moment: exactly one succeeds
      const results = await Promise.allSettled([changeUser(t2.ctx, only.id, second.id, { role: 'user' }), changeUser(t2.ctx, second.id, only.id, { role: 'user' })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await t2.ctx.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
      expect(admins).toHaveLength(1);
    } finally {
      await t2.close();
    }
  });
});
