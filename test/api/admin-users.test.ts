import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';

describe('admin user management', () => {
  let t: TestApp;
  let admin: { accessToken: string; user: { id: string } };
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'root', role: 'admin', email: 'root@example.org' });
    admin = await login(t.app, 'root');
  });
  afterEach(() => t.close());

  const as = (token: string) => requestsAs(t.app, token, '/api/v1');

  it('lists users by username with search, role and status filters', async () => {
    await createUser(t.ctx, { username: 'Zoe', email: 'zoe@clinic.example' });
    await createUser(t.ctx, { username: 'adam', status: 'disabled' });
    await createUser(t.ctx, { username: 'Clara', role: 'admin' });
    await createUser(t.ctx, { username: 'under_score' });
    const api = as(admin.accessToken);
    const names = async (q: string) =>
      body(await api.get(`/admin/users${q}`)).items.map((u: { username: string }) => u.username);

    expect(await names('')).toEqual(['adam', 'Clara', 'root', 'under_score', 'Zoe']);
    expect(await names('?q=CLINIC')).toEqual(['Zoe']);
    expect(await names('?q=AR')).toEqual(['Clara']);
    expect(await names('?q=_')).toEqual(['under_score']);
    expect(await names('?q=%25')).toEqual([]);
    expect(await names('?role=admin')).toEqual(['Clara', 'root']);
    expect(await names('?status=disabled')).toEqual(['adam']);
    expect(await names('?role=admin&status=disabled')).toEqual([]);
    expect((await api.get('/admin/users?role=owner')).statusCode).toBe(400);
  });

  it('shows each AdminUser with sign-in methods, last login and who invited them', async () => {
    const api = as(admin.accessToken);
    const invite = body(await api.post('/admin/invites', { label: 'for Bea' }));
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: 'bea', password: 'bea passphrase', inviteCode: invite.code },
    });
    const beaId = body(reg).user.id;
    const bea = body(await api.get(`/admin/users/${beaId}`));
    expect(bea).toEqual({
      id: beaId,
      username: 'bea',
      email: null,
      role: 'user',
      status: 'active',
      authMethods: ['password'],
      createdAt: expect.any(String),
      lastLoginAt: expect.any(String),
      invitedBy: { id: admin.user.id, username: 'root' },
      invite: { id: invite.id, label: 'for Bea' },
    });
    expect((await api.get('/admin/users/does-not-exist')).statusCode).toBe(404);
  });

  it('is refused to users (403 forbidden) and to disabled admins (403 account_disabled)', async () => {
    await createUser(t.ctx, { username: 'plain' });
    const user = await login(t.app, 'plain');
    for (const res of [
      await as(user.accessToken).get('/admin/users'),
      await as(user.accessToken).patch(`/admin/users/${user.user.id}`, { role: 'admin' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(body(res).code).toBe('forbidden');
    }
    expect(body(await as(user.accessToken).get('/me')).role).toBe('user');
    const other = await createUser(t.ctx, { username: 'other.admin', role: 'admin' });
    const otherTokens = await login(t.app, 'other.admin');
    await as(admin.accessToken).patch(`/admin/users/${other.id}`, { status: 'disabled' });
    const res = await as(otherTokens.accessToken).get('/admin/users');
    expect(body(res).code).toBe('account_disabled');
  });

  it('changes roles, applying on the next request, and guards the last admin', async () => {
    const api = as(admin.accessToken);
    const sam = await createUser(t.ctx, { username: 'sam' });
    const samTokens = await login(t.app, 'sam');
    expect((await as(samTokens.accessToken).get('/admin/users')).statusCode).toBe(403);
    const promoted = body(await api.patch(`/admin/users/${sam.id}`, { role: 'admin' }));
    expect(promoted.role).toBe('admin');
    expect((await as(samTokens.accessToken).get('/admin/users')).statusCode).toBe(200);

    // root may step down now that sam is an admin; then sam is the last one
    expect(body(await api.patch(`/admin/users/${admin.user.id}`, { role: 'user' })).role).toBe('user');
    const samApi = as(samTokens.accessToken);
    const demote = await samApi.patch(`/admin/users/${sam.id}`, { role: 'user' });
    expect(demote.statusCode).toBe(409);
    expect(body(demote).code).toBe('last_admin');
    const selfDisable = await samApi.patch(`/admin/users/${sam.id}`, { status: 'disabled' });
    expect(selfDisable.statusCode).toBe(403);
    expect(body(selfDisable).code).toBe('cannot_disable_self');
    const selfDelete = await samApi.del(`/admin/users/${sam.id}`);
    expect(selfDelete.statusCode).toBe(403);
    expect(body(selfDelete).code).toBe('cannot_delete_self');
    expect(body(await samApi.get(`/admin/users/${sam.id}`))).toMatchObject({ role: 'admin', status: 'active' });
    expect((await samApi.patch(`/admin/users/${sam.id}`, { role: 'superuser' })).statusCode).toBe(400);
    // root is no longer an admin: the very next request says so
    expect(body(await api.get('/admin/users')).code).toBe('forbidden');
  });

  it('deletes a user after which their tokens and name are gone, and records it without personal data', async () => {
    const api = as(admin.accessToken);
    const gone = await createUser(t.ctx, { username: 'Departed', email: 'departed@example.org' });
    const goneTokens = await login(t.app, 'departed');
    const res = await api.del(`/admin/users/${gone.id}`);
    expect(res.statusCode).toBe(204);
    expect((await as(goneTokens.accessToken).get('/me')).statusCode).toBe(401);
    expect(
      body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: goneTokens.refreshToken },
        }),
      ).code,
    ).toBe('refresh_token_invalid');
    expect((await api.get(`/admin/users/${gone.id}`)).statusCode).toBe(404);
    expect((await api.del(`/admin/users/${gone.id}`)).statusCode).toBe(404);

    const audit = body(await api.get('/admin/audit')).items;
    expect(audit[0]).toMatchObject({
      action: 'user.deleted',
      actor: { id: admin.user.id, username: 'root' },
      target: `user:${gone.id}`,
    });
    const everything = JSON.stringify(await t.ctx.db.selectFrom('audit_events').selectAll().execute()).toLowerCase();
    expect(everything).not.toContain('departed');
  });

  it('refuses to delete the last active admin, even through another admin path', async () => {
    const api = as(admin.accessToken);
    const second = await createUser(t.ctx, { username: 'second', role: 'admin', status: 'disabled' });
    // the only active admin is root; a disabled admin does not count
    const secondTokens = await login(t.app, 'second');
    expect(secondTokens.limited).toBe(true);
    const refusals = [
      // the disabled admin may not use user management at all
      [await as(secondTokens.accessToken).del(`/admin/users/${admin.user.id}`), 403, 'account_disabled'],
      // root through user management, then through deleting its own account
      [await api.del(`/admin/users/${admin.user.id}`), 403, 'cannot_delete_self'],
      [await api.del('/me', { password: PASSWORD }), 409, 'last_admin'],
    ] as const;
    for (const [res, status, code] of refusals) {
      expect(res.statusCode, code).toBe(status);
      expect(body(res).code).toBe(code);
    }
    expect(body(await api.get(`/admin/users/${admin.user.id}`))).toMatchObject({ role: 'admin', status: 'active' });
    // deleting the disabled admin leaves root, still the one active admin
    expect((await api.del(`/admin/users/${second.id}`)).statusCode).toBe(204);
    const users = body(await api.get('/admin/users')).items;
    expect(users.map((u: { username: string }) => u.username)).toEqual(['root']);
    expect(body(await api.del('/me', { password: PASSWORD })).code).toBe('last_admin');
  });
});
