import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserById, updateUser } from '../../server/repositories/users.repository.ts';
import { formatInviteCode } from '../../server/lib/invite-codes.ts';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser } from '../helpers/factories.ts';
import { createInvite } from '../helpers/provider-factories.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';

const issuers = useLocalIssuers();

describe('accounts made and found by Google and Apple identities', () => {
  let t: TestApp;
  let clock: FakeClock;
  const start = async (env: Record<string, string> = {}) => {
    clock = new FakeClock();
    t = await createTestApp({ env: providerEnv(issuers.google, issuers.apple, env), clock });
  };
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  describe('with open sign-ups', () => {
    beforeEach(() => start());

    it('gives a disabled account a limited token without a refresh token, as a password login does', async () => {
      const created = body(await kit.signIn('google', { idToken: await kit.googleToken() }));
      await updateUser(t.ctx.db, created.user.id, { status: 'disabled' }, clock.now().toISOString());
      const res = await kit.signIn('google', { idToken: await kit.googleToken(), cookie: true });
      expect(res.statusCode).toBe(200);
      const tokens = body(res);
      expect(tokens).toMatchObject({
        limited: true,
        refreshToken: null,
        refreshTokenExpiresAt: null,
        user: { status: 'disabled' },
      });
      expect(res.cookies.find((c) => c.name === 'baseline_refresh')).toBeUndefined();
      expect(new Date(tokens.accessTokenExpiresAt).getTime() - clock.now().getTime()).toBe(5 * 60_000);
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(tokens.accessToken) })).statusCode).toBe(200);
      expect(body(await t.app.inject({ url: '/api/v1/me/sessions', headers: bearer(tokens.accessToken) })).code).toBe(
        'account_disabled',
      );
    });

    it('never links by email: a verified email of an existing account is email_in_use', async () => {
      const owner = await createUser(t.ctx, { username: 'alice', email: 'Alice@Example.org' });
      const res = await kit.signIn('google', { idToken: await kit.googleToken({ email: 'alice@example.ORG' }) });
      expect(res.statusCode).toBe(409);
      expect(body(res).code).toBe('email_in_use');
      expect(await kit.count('identities')).toBe(0);
      expect(await kit.count('users')).toBe(1);
      expect((await findUserById(t.ctx.db, owner.id))?.email).toBe('Alice@Example.org');
    });

    it('does not store an unverified email, nor treat it as proof of anything', async () => {
      await createUser(t.ctx, { username: 'alice', email: 'alice@example.org' });
      const res = await kit.signIn('google', { idToken: await kit.googleToken({ email_verified: false }) });
      expect(res.statusCode).toBe(201);
      const { user } = body(res);
      expect(user.email).toBeNull();
      expect(user.username).toBe('Alice.Liddell'); // from the name: the unverified address is not used
      const identity = await t.ctx.db
        .selectFrom('identities')
        .selectAll()
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(identity.email).toBeNull();
      const apple = await kit.signIn('apple', {
        idToken: await kit.appleToken({ email: 'bob@example.org', email_verified: 'false' }),
      });
      expect(body(apple).user).toMatchObject({ email: null, username: 'apple-user' });
    });

    it('takes a chosen username, refuses a taken one, and makes a derived one unique', async () => {
      await createUser(t.ctx, { username: 'alice' });
      const taken = await kit.signIn('google', { idToken: await kit.googleToken(), username: 'ALICE' });
      expect(taken.statusCode).toBe(409);
      expect(body(taken).code).toBe('username_taken');
      const derived = await kit.signIn('google', { idToken: await kit.googleToken() });
      expect(body(derived).user.username).toBe('alice2');
      const chosen = await kit.signIn('apple', { idToken: await kit.appleToken(), username: 'Wonder_land.1' });
      expect(body(chosen).user.username).toBe('Wonder_land.1');
      expect(await kit.count('users')).toBe(3);
    });

    it('rejects bad bodies with validation_failed and changes nothing', async () => {
      const idToken = await kit.googleToken();
      for (const payload of [
        {},
        { idToken: '' },
        { idToken, username: 'a b' },
        { idToken, extra: 1 },
        { idToken, fullName: 'Alice' },
        { idToken, cookie: 'yes' },
        { idToken: 42 },
      ]) {
        const res = await kit.signIn('google', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(body(res).code).toBe('validation_failed');
      }
      expect(await kit.count('users')).toBe(0);
    });

    it('reports the configured providers in GET /server', async () => {
      expect(body(await t.app.inject({ url: '/api/v1/server' })).providers).toEqual({
        password: true,
        google: true,
        apple: true,
      });
    });
  });

  it('answers 404 not_found for a provider that is not configured, and GET /server says so', async () => {
    await start({ APPLE_CLIENT_ID: '' });
    const res = await kit.signIn('apple', { idToken: await kit.appleToken() });
    expect(res.statusCode).toBe(404);
    expect(body(res).code).toBe('not_found');
    expect(body(await t.app.inject({ url: '/api/v1/server' })).providers).toEqual({
      password: true,
      google: true,
      apple: false,
    });
  });

  describe('with REQUIRE_INVITE=true', () => {
    beforeEach(() => start({ REQUIRE_INVITE: 'true' }));

    it('requires an invite for a new identity, but not to sign in a known one', async () => {
      const refused = await kit.signIn('google', { idToken: await kit.googleToken() });
      expect(refused.statusCode).toBe(403);
      expect(body(refused).code).toBe('invite_required');
      expect(await kit.count('users')).toBe(0);
      expect(await kit.count('identities')).toBe(0);

      const admin = await createUser(t.ctx, { username: 'admin', role: 'admin' });
      const invite = await createInvite(t.ctx, { maxUses: 1, createdById: admin.id });
      const res = await kit.signIn('google', {
        idToken: await kit.googleToken(),
        inviteCode: formatInviteCode(invite.code).toLowerCase(),
      });
      expect(res.statusCode).toBe(201);
      const user = await findUserById(t.ctx.db, body(res).user.id);
      expect(user).toMatchObject({ invite_id: invite.id, invited_by_id: admin.id });
      expect(
        (await t.ctx.db.selectFrom('invites').select('uses').where('id', '=', invite.id).executeTakeFirstOrThrow())
          .uses,
      ).toBe(1);

      expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(200);
    });

    it('refuses exhausted, revoked, expired and unknown invites, counting no use', async () => {
      const used = await createInvite(t.ctx, { maxUses: 1 });
      expect(
        (await kit.signIn('apple', { idToken: await kit.appleToken({ sub: 'first' }), inviteCode: used.code }))
          .statusCode,
      ).toBe(201);
      const exhausted = await kit.signIn('apple', {
        idToken: await kit.appleToken({ sub: 'second' }),
        inviteCode: used.code,
      });
      expect(exhausted.statusCode).toBe(403);
      expect(body(exhausted).code).toBe('invite_exhausted');

      const revoked = await createInvite(t.ctx, { revokedAt: clock.now().toISOString() });
      expect(
        body(await kit.signIn('apple', { idToken: await kit.appleToken({ sub: 'second' }), inviteCode: revoked.code }))
          .code,
      ).toBe('invite_revoked');
      const expired = await createInvite(t.ctx, { expiresAt: new Date(clock.now().getTime() - 1000).toISOString() });
      expect(
        body(await kit.signIn('apple', { idToken: await kit.appleToken({ sub: 'second' }), inviteCode: expired.code }))
          .code,
      ).toBe('invite_expired');
      expect(
        body(
          await kit.signIn('apple', { idToken: await kit.appleToken({ sub: 'second' }), inviteCode: 'NOPE-NOPE-NOPE' }),
        ).code,
      ).toBe('invite_invalid');
      expect(await kit.count('users')).toBe(1);
      const uses = await t.ctx.db.selectFrom('invites').select(['id', 'uses']).execute();
      expect(uses.map((u) => u.uses).sort()).toEqual([0, 0, 1]);
    });

    it('lets at most maxUses of simultaneous provider sign-ups through', async () => {
      const invite = await createInvite(t.ctx, { maxUses: 2 });
      const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => kit.appleToken({ sub: `racer-${n}` })));
      const results = await Promise.all(
        tokens.map((idToken) => kit.signIn('apple', { idToken, inviteCode: invite.code })),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(results.filter((r) => r.statusCode === 403).every((r) => body(r).code === 'invite_exhausted')).toBe(true);
      expect(await kit.count('users')).toBe(2);
    });
  });
});
