import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { newId } from '../../server/ids.ts';
import { insertIdentity } from '../../server/repositories/identities.repository.ts';
import { startSession } from '../../server/services/sessions.service.ts';

describe('deleting your own account', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const deleteMe = (token: string, payload: object) =>
    t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: bearer(token), payload });

  it('needs the password, then removes the account and ends its sessions', async () => {
    await createUser(t.ctx, { username: 'leaving', email: 'leaving@example.org' });
    const tokens = await login(t.app, 'leaving');
    const missing = await deleteMe(tokens.accessToken, {});
    expect(body(missing).errors).toEqual([{ path: '/password', message: 'is required' }]);
    const wrong = await deleteMe(tokens.accessToken, { password: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);

    expect((await deleteMe(tokens.accessToken, { password: PASSWORD })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(401);
    expect(await t.ctx.db.selectFrom('users').select('id').where('username_key', '=', 'leaving').execute()).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['user.deleted_self']);
    expect(JSON.stringify(audit)).not.toContain('leaving');
  });

  it('takes the username typed out for accounts without a password', async () => {
    const user = await createUser(t.ctx, { username: 'GoogleOnly', password: null });
    await insertIdentity(t.ctx.db, {
      id: newId(),
      user_id: user.id,
      provider: 'google',
      subject: 'g-1',
      email: null,
      created_at: new Date().toISOString(),
    });
    // signs in the way a Google sign-in does: no password involved
    const session = await t.ctx.db.transaction().execute((trx) => startSession(t.ctx, trx, user, 'test', 'google'));
    expect(body(await deleteMe(session.accessToken, { confirm: 'someone' })).errors[0].path).toBe('/confirm');
    expect((await deleteMe(session.accessToken, { confirm: 'googleonly' })).statusCode).toBe(204);
    expect(await t.ctx.db.selectFrom('identities').select('id').execute()).toEqual([]);
  });

  it('is open to disabled accounts', async () => {
    await createUser(t.ctx, { username: 'benched', status: 'disabled' });
    const tokens = await login(t.app, 'benched');
    expect(tokens.limited).toBe(true);
    expect((await deleteMe(tokens.accessToken, { password: PASSWORD })).statusCode).toBe(204);
  });

  it('refuses when it would leave no active admin', async () => {
    await createUser(t.ctx, { username: 'onlyadmin', role: 'admin' });
    const tokens = await login(t.app, 'onlyadmin');
    const res = await deleteMe(tokens.accessToken, { password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(body(res).code).toBe('last_admin');
    await createUser(t.ctx, { username: 'successor', role: 'admin' });
    expect((await deleteMe(tokens.accessToken, { password: PASSWORD })).statusCode).toBe(204);
  });
});
