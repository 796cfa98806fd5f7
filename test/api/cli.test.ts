import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { runCli } from '../helpers/run-cli.ts';

/** Runs the real `baseline` command against the test database. */
const cli = (databaseUrl: string, args: string[], stdin = '') =>
  runCli(args, { env: { DATABASE_URL: databaseUrl }, stdin });

describe('baseline command-line tool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates an admin who can then log in', async () => {
    const res = await cli(
      t.config.databaseUrl,
      ['create-admin', 'rescuer', '--email', 'rescue@example.org'],
      'rescue passphrase\n',
    );
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Created admin "rescuer"');
    const tokens = await login(t.app, 'rescue@example.org', 'rescue passphrase');
    expect(tokens.user).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('resets a password and ends the old sessions', async () => {
    await createUser(t.ctx, { username: 'forgetful' });
    const old = await login(t.app, 'forgetful');
    const res = await cli(t.config.databaseUrl, ['reset-password', 'forgetful'], 'remembered this time\n');
    expect(res.code).toBe(0);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${old.accessToken}` } })).statusCode,
    ).toBe(401);
    await login(t.app, 'forgetful', 'remembered this time');
  });

  it('promotes and enables a user, and refuses to demote the last admin', async () => {
    const t2 = await createTestApp();
    try {
      await createUser(t2.ctx, { username: 'chief', role: 'admin' });
      await createUser(t2.ctx, { username: 'locked', status: 'disabled' });
      expect((await cli(t2.config.databaseUrl, ['enable', 'locked'])).code).toBe(0);
      expect((await login(t2.app, 'locked')).limited).toBe(false);

      const demote = await cli(t2.config.databaseUrl, ['set-role', 'chief', 'user']);
      expect(demote.code).toBe(1);
      expect(demote.err).toContain('without an active admin');

      expect((await cli(t2.config.databaseUrl, ['set-role', 'locked', 'admin'])).code).toBe(0);
      expect((await login(t2.app, 'locked')).user.role).toBe('admin');
      const audit = await t2.ctx.db.selectFrom('audit_events').select(['action', 'actor_id', 'detail']).execute();
      expect(audit.filter((a) => a.action === 'user.changed')).toHaveLength(2);
    } finally {
      await t2.close();
    }
  });

  it('explains mistakes in one line and exits non-zero', async () => {
    const unknown = await cli(t.config.databaseUrl, ['enable', 'nobody-here']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No user named "nobody-here"');
    const short = await cli(t.config.databaseUrl, ['create-admin', 'shorty'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('8 to 1024');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'shorty', password: 'short' },
    });
    expect(body(res).code).toBe('invalid_credentials');
  });
});
