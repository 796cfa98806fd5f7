import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { runCli } from '../helpers/run-cli.ts';

const TOKEN = 'test-setup-token-0123456789';
const USERNAME = 'Margaret-H';
const EMAIL = 'margaret@example.org';

/** Passwords an attacker tries first: on the list (any case), or the account's own name or email. */
const REFUSED = ['password1', 'qwerty123', 'QWERTY123', 'margaret-h', USERNAME.toUpperCase(), EMAIL, 'Margaret'];

/**
 * Door 2 of issue 11: the 10,000 most used passwords, the username and the email are refused
 * wherever a password is set — registration, setup, PATCH /me and the command line — with
 * password_too_common naming the field, and nothing changes.
 */
describe('common passwords', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
  });
  afterEach(() => t.close());

  const expectTooCommon = (res: LightMyRequestResponse, path: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res)).toMatchObject({ code: 'password_too_common', status: 400, errors: [{ path }] });
  };
  const users = async () => (await t.ctx.db.selectFrom('users').select('username').execute()).map((u) => u.username);

  it('refuses them at registration and creates nothing', async () => {
    for (const password of REFUSED) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username: USERNAME, email: EMAIL, password },
      });
      expectTooCommon(res, '/password');
    }
    expect(await users()).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: USERNAME, email: EMAIL, password: 'margaret walks the long way home' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses them at setup and leaves setup open', async () => {
    for (const password of REFUSED) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { setupToken: TOKEN, username: USERNAME, email: EMAIL, password },
      });
      expectTooCommon(res, '/password');
    }
    expect(await users()).toEqual([]);
    expect(body(await t.app.inject({ url: '/api/v1/server' })).setupRequired).toBe(true);
  });

  it('refuses them as a new password (PATCH /me), also when it is the email being set', async () => {
    await createUser(t.ctx, { username: USERNAME, email: EMAIL });
    const { accessToken } = await login(t.app, USERNAME);
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(accessToken), payload });
    for (const newPassword of REFUSED)
      expectTooCommon(await patch({ currentPassword: PASSWORD, newPassword }), '/newPassword');
    expectTooCommon(
      await patch({ currentPassword: PASSWORD, email: 'maggie.h@example.org', newPassword: 'Maggie.H@example.org' }),
      '/newPassword',
    );
    // nothing changed: the old password still signs in, the email is the old one
    expect((await login(t.app, EMAIL)).user.email).toBe(EMAIL);
  });

  it('refuses them in the command line password reset', async () => {
    await createUser(t.ctx, { username: USERNAME, email: EMAIL });
    for (const password of ['password1', 'qwerty123', USERNAME]) {
      const res = await runCli(['reset-password', USERNAME], {
        env: { DATABASE_URL: t.config.databaseUrl },
        stdin: `${password}\n`,
      });
      expect(res.code).toBe(1);
      expect(res.err).toContain('among the most used');
    }
    await login(t.app, USERNAME, PASSWORD);
  });
});
