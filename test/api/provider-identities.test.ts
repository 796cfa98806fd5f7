import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../server/repositories/users.repository.ts';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';

const issuers = useLocalIssuers();

describe('linking and unlinking providers (/me/identities/{provider})', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ env: providerEnv(issuers.google, issuers.apple), clock });
  });
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  const link = (token: string, provider: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/identities/${provider}`, headers: bearer(token), payload });
  const unlink = (token: string, provider: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/me/identities/${provider}`, headers: bearer(token) });
  const me = async (token: string) => body(await t.app.inject({ url: '/api/v1/me', headers: bearer(token) }));
  /** What an app sends to link: a token minted for a fresh link nonce of the account (POST /me/identities/nonce), and that nonce. */
  const proof = async (token: string, provider: 'google' | 'apple', claims: Record<string, unknown> = {}) => {
    const nonce = await kit.linkNonce(token);
    const mint = provider === 'google' ? kit.googleToken : kit.appleToken;
    return { idToken: await mint({ ...claims, nonce }), nonce };
  };

  it('links an identity to the signed-in account, which then signs in with it', async () => {
    const bob = await createUser(t.ctx, { username: 'bob', email: 'bob@example.org' });
    const { accessToken } = await login(t.app, 'bob');
    const res = await link(
      accessToken,
      'google',
      await proof(accessToken, 'google', { sub: 'google-bob', email: 'bobby@gmail.test' }),
    );
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ id: bob.id, email: 'bob@example.org', authMethods: ['password', 'google'] });
    // linking the same identity again changes nothing
    expect(
      (await link(accessToken, 'google', await proof(accessToken, 'google', { sub: 'google-bob' }))).statusCode,
    ).toBe(200);
    expect(await kit.count('identities')).toBe(1);

    const signIn = await kit.signIn('google', {
      idToken: await kit.googleToken({ sub: 'google-bob', email: 'bobby@gmail.test' }),
    });
    expect(signIn.statusCode).toBe(200);
    expect(body(signIn).user.id).toBe(bob.id);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).execute();
    expect(audit).toContainEqual({ action: 'identity.linked', actor_id: bob.id });
  });

  it('refuses an identity that belongs to another account, and a second one of the same provider', async () => {
    await kit.signIn('google', { idToken: await kit.googleToken({ sub: 'google-carol' }) });
    await createUser(t.ctx, { username: 'bob' });
    const { accessToken } = await login(t.app, 'bob');
    const taken = await link(accessToken, 'google', await proof(accessToken, 'google', { sub: 'google-carol' }));
    expect(taken.statusCode).toBe(409);
    expect(body(taken).code).toBe('identity_taken');

    expect(
      (await link(accessToken, 'google', await proof(accessToken, 'google', { sub: 'google-bob' }))).statusCode,
    ).toBe(200);
    const second = await link(accessToken, 'google', await proof(accessToken, 'google', { sub: 'google-bob-work' }));
    expect(second.statusCode).toBe(409);
    expect(body(second).code).toBe('provider_already_linked');
    expect((await me(accessToken)).authMethods).toEqual(['password', 'google']);
  });

  it('verifies the token and the nonce before linking, and validates input', async () => {
    await createUser(t.ctx, { username: 'bob' });
    const { accessToken } = await login(t.app, 'bob');
    const expired = await kit.googleToken({ exp: kit.now() - 3600, iat: kit.now() - 7200 });
    expect(body(await link(accessToken, 'google', { idToken: expired })).code).toBe('unauthenticated');
    expect(
      body(await link(accessToken, 'apple', { idToken: await kit.appleToken({ nonce: 'a' }), nonce: 'b' })).code,
    ).toBe('unauthenticated');
    expect(body(await link(accessToken, 'facebook', { idToken: await kit.googleToken() })).code).toBe(
      'validation_failed',
    );
    expect(body(await link(accessToken, 'google', { idToken: await kit.googleToken(), inviteCode: 'X' })).code).toBe(
      'validation_failed',
    );
    expect(await kit.count('identities')).toBe(0);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/google',
      payload: { idToken: await kit.googleToken() },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('unlinks, but never the last way to sign in', async () => {
    const created = body(await kit.signIn('google', { idToken: await kit.googleToken() }));
    const token = created.accessToken;
    const last = await unlink(token, 'google');
    expect(last.statusCode).toBe(409);
    expect(body(last).code).toBe('last_sign_in_method');
    expect(body(await unlink(token, 'apple')).code).toBe('not_found');

    expect((await link(token, 'apple', await proof(token, 'apple'))).statusCode).toBe(200);
    expect((await me(token)).authMethods).toEqual(['apple', 'google']);
    expect((await unlink(token, 'google')).statusCode).toBe(204);
    expect(body(await unlink(token, 'apple')).code).toBe('last_sign_in_method');
    expect((await me(token)).authMethods).toEqual(['apple']);
    expect(body(await kit.signIn('apple', { idToken: await kit.appleToken() })).user.id).toBe(created.user.id);
    // the unlinked Google identity no longer signs in here, and its email does not link it back
    expect(body(await kit.signIn('google', { idToken: await kit.googleToken() })).code).toBe('email_in_use');
  });

  it('lets an account with a password drop its only provider', async () => {
    await createUser(t.ctx, { username: 'bob' });
    const { accessToken } = await login(t.app, 'bob');
    await link(accessToken, 'apple', await proof(accessToken, 'apple'));
    expect((await unlink(accessToken, 'apple')).statusCode).toBe(204);
    expect((await me(accessToken)).authMethods).toEqual(['password']);
    expect(await kit.count('identities')).toBe(0);
  });

  it('lets only one of two simultaneous unlinks through when they would remove the last two ways in', async () => {
    const { accessToken } = body(await kit.signIn('google', { idToken: await kit.googleToken() }));
    await link(accessToken, 'apple', await proof(accessToken, 'apple'));
    const results = await Promise.all([unlink(accessToken, 'google'), unlink(accessToken, 'apple')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    expect(await kit.count('identities')).toBe(1);
  });

  it('is not open to a disabled account', async () => {
    const { user, accessToken } = body(await kit.signIn('google', { idToken: await kit.googleToken() }));
    const asked = await proof(accessToken, 'apple'); // while it was still active
    await updateUser(t.ctx.db, user.id, { status: 'disabled' }, clock.now().toISOString());
    expect(body(await link(accessToken, 'apple', asked)).code).toBe('account_disabled');
    const nonce = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/nonce',
      headers: bearer(accessToken),
    });
    expect(body(nonce).code).toBe('account_disabled');
    expect(body(await unlink(accessToken, 'google')).code).toBe('account_disabled');
  });
});
