import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { setupLink } from '../../server/services/setup.service.ts';

const TOKEN = 'test-setup-token-0123456789';

describe('first admin setup', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('reports setupRequired until the first account exists, then creates an admin and closes', async () => {
    const before = body(await t.app.inject({ url: '/api/v1/server' }));
    expect(before).toMatchObject({
      requireInvite: true,
      setupRequired: true,
      providers: { password: true, google: false, apple: false },
    });
    expect(await setupLink(t.ctx, t.ctx.db)).toBe(`http://baseline.test/setup?token=${TOKEN}`);

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { setupToken: TOKEN, username: 'Root', password: 'a long admin passphrase' },
    });
    expect(res.statusCode).toBe(201);
    const tokens = body(res);
    expect(tokens.user).toMatchObject({
      username: 'Root',
      role: 'admin',
      status: 'active',
      authMethods: ['password'],
      email: null,
    });
    expect(tokens.limited).toBe(false);
    expect(typeof tokens.refreshToken).toBe('string');

    expect(body(await t.app.inject({ url: '/api/v1/server' })).setupRequired).toBe(false);
    expect(await setupLink(t.ctx, t.ctx.db)).toBeNull();

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { setupToken: TOKEN, username: 'other', password: 'another passphrase' },
    });
    expect(again.statusCode).toBe(409);
    expect(body(again).code).toBe('setup_done');

    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['server.setup']);
  });

  it('refuses a wrong setup token with 403 forbidden and creates nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { setupToken: 'wrong-token', username: 'root', password: 'a long admin passphrase' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res).code).toBe('forbidden');
    expect(body(await t.app.inject({ url: '/api/v1/server' })).setupRequired).toBe(true);
  });

  it('lets only one of two simultaneous setups win', async () => {
    const attempt = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { setupToken: TOKEN, username: name, password: 'a long admin passphrase' },
      });
    const results = await Promise.all([attempt('first'), attempt('second'), attempt('third')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const users = await t.ctx.db.selectFrom('users').select('role').execute();
    expect(users).toEqual([{ role: 'admin' }]);
  });
});

describe('generated setup token', () => {
  it('is random, shared through the database, and gone once setup is done', async () => {
    const t = await createTestApp({ env: { SETUP_TOKEN: '' } });
    try {
      const link = await setupLink(t.ctx, t.ctx.db);
      const token = new URL(link!).searchParams.get('token')!;
      expect(token.length).toBeGreaterThanOrEqual(32);
      // a second process reading the same database prints the same link
      expect(await setupLink(t.ctx, t.ctx.db)).toBe(link);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { setupToken: token, username: 'root', password: 'a long admin passphrase' },
      });
      expect(res.statusCode).toBe(201);
      expect(
        await t.ctx.db.selectFrom('server_secrets').select('name').where('name', '=', 'setup_token').execute(),
      ).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
