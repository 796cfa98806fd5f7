import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserById } from '../../server/repositories/users.repository.ts';
import { startSession } from '../../server/services/sessions.service.ts';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';

const issuers = useLocalIssuers();

/**
 * Door 6 of issue 11: someone at an unattended, signed-in device must not be able to move the
 * account's email to an address of theirs. The change needs the current password, or — for an
 * account without one — a Google or Apple sign-in from the last 10 minutes.
 */
describe('changing the email needs proof', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, env: providerEnv(issuers.google, issuers.apple) });
  });
  afterEach(() => t.close());
  const kit = providerKit(
    () => t,
    () => clock,
    () => issuers,
  );

  const patch = (token: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(token), payload });
  const emailOf = async (id: string) => (await findUserById(t.ctx.db, id))?.email;

  it('takes the current password, refuses a missing or wrong one with the password change’s own answer', async () => {
    const owner = await createUser(t.ctx, { username: 'owner', email: 'owner@example.org' });
    await createUser(t.ctx, { username: 'other', email: 'taken@example.org' });
    const { accessToken } = await login(t.app, 'owner');

    const missing = await patch(accessToken, { email: 'thief@example.org' });
    expect(missing.statusCode).toBe(400);
    expect(body(missing)).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: '/currentPassword', message: 'is required to change the email' }],
    });
    const wrong = await patch(accessToken, { email: 'thief@example.org', currentPassword: 'not the password' });
    expect(body(wrong)).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: '/currentPassword', message: 'does not match' }],
    });
    // the same words a password change gets
    const wrongForPassword = await patch(accessToken, { newPassword: 'owner has a new one', currentPassword: 'nope' });
    expect(body(wrongForPassword).errors).toEqual(body(wrong).errors);
    // removing the email is a change too, and whether an address is taken is not told without the proof
    expect(body(await patch(accessToken, { email: null })).code).toBe('validation_failed');
    expect(body(await patch(accessToken, { email: 'taken@example.org' })).code).toBe('validation_failed');
    expect(await emailOf(owner.id)).toBe('owner@example.org');

    // sending the email it already has needs nothing
    expect((await patch(accessToken, { email: 'owner@example.org' })).statusCode).toBe(200);
    const ok = await patch(accessToken, { email: 'owner@new.example.org', currentPassword: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(body(ok).email).toBe('owner@new.example.org');
  });

  it('takes a Google sign-in from the last 10 minutes for an account without a password', async () => {
    const signIn = await kit.signIn('google', { idToken: await kit.googleToken() });
    expect(signIn.statusCode).toBe(201);
    const { accessToken, user } = body(signIn);
    expect(user.authMethods).toEqual(['google']);

    clock.advance(10 * 60_000);
    expect(body(await patch(accessToken, { email: 'alice@new.example.org' })).email).toBe('alice@new.example.org');

    clock.advance(1000);
    const stale = await patch(accessToken, { email: 'thief@example.org' });
    expect(stale.statusCode).toBe(400);
    expect(body(stale)).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: '/email', message: 'needs a Google or Apple sign-in from the last 10 minutes' }],
    });
    // a password sent instead proves nothing: the account has none
    expect(body(await patch(accessToken, { email: 'thief@example.org', currentPassword: 'x' })).code).toBe(
      'validation_failed',
    );
    expect(await emailOf(user.id)).toBe('alice@new.example.org');

    // signing in again renews the proof
    const again = body(await kit.signIn('google', { idToken: await kit.googleToken() }));
    expect((await patch(again.accessToken, { email: 'alice@example.org' })).statusCode).toBe(200);
  });

  it('refuses a session that a password began, or one older than the record of how it began', async () => {
    const user = await createUser(t.ctx, { username: 'provider-only', password: null });
    const session = (method: 'password' | 'google' | null) =>
      t.ctx.db.transaction().execute(async (trx) => {
        const tokens = await startSession(t.ctx, trx, user, 'test', method ?? 'google');
        if (method === null) {
          const sid = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()).sid;
          await trx.updateTable('sessions').set({ sign_in_method: null }).where('id', '=', sid).execute();
        }
        return tokens.accessToken;
      });
    expect(body(await patch(await session('password'), { email: 'x@example.org' })).errors[0].path).toBe('/email');
    expect(body(await patch(await session(null), { email: 'x@example.org' })).errors[0].path).toBe('/email');
    expect((await patch(await session('google'), { email: 'x@example.org' })).statusCode).toBe(200);
  });
});
