import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { createInvite } from '../helpers/provider-factories.ts';
import { providerEnv, providerKit, useLocalIssuers } from '../helpers/provider-test-kit.ts';

const issuers = useLocalIssuers();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const MINUTE = 60_000;

/**
 * Door 4 of issue 11: a Google or Apple ID token is good for one sign-in or one link, and a link
 * needs a token minted for a nonce this server handed out to the very account that links
 * (POST /me/identities/nonce), once. A sign-in nonce (POST /auth/nonce) links nothing, and a link
 * nonce signs no one in.
 */
describe('provider ID tokens cannot be replayed', () => {
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
  const count = async (table: 'sessions' | 'used_id_tokens' | 'provider_nonces') =>
    (await t.ctx.db.selectFrom(table).selectAll().execute()).length;
  const link = (accessToken: string, provider: 'google' | 'apple', payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/identities/${provider}`,
      headers: bearer(accessToken),
      payload,
    });
  const expectCode = (res: Awaited<ReturnType<typeof kit.signIn>>, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res).code).toBe(code);
  };

  describe('POST /auth/nonce', () => {
    beforeEach(() => start());

    it('hands out a fresh nonce for ten minutes, stored only as its SHA-256', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/nonce' });
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { nonce, expiresAt } = body(res);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(expiresAt).toBe(new Date(clock.now().getTime() + 10 * MINUTE).toISOString());
      const rows = await t.ctx.db.selectFrom('provider_nonces').selectAll().execute();
      expect(rows).toEqual([
        {
          nonce_hash: sha256(nonce),
          created_at: clock.now().toISOString(),
          expires_at: expiresAt,
          used_at: null,
          user_id: null,
        },
      ]);
      expect(await kit.serverNonce()).not.toBe(nonce);
    });

    it('is rate limited like the other public sign-in routes', async () => {
      await t.close();
      await start({ RATE_LIMITS: 'on' });
      const ask = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/nonce' });
      for (let i = 0; i < 10; i++) expect((await ask()).statusCode).toBe(201);
      expectCode(await ask(), 429, 'rate_limited');
      expect(await count('provider_nonces')).toBe(10);
    });
  });

  describe('POST /me/identities/nonce', () => {
    beforeEach(() => start());

    it('hands out a fresh link nonce for ten minutes, stored as its SHA-256 with the account that asked', async () => {
      const bob = await createUser(t.ctx, { username: 'bob' });
      const { accessToken } = await login(t.app, 'bob');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/identities/nonce',
        headers: bearer(accessToken),
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { nonce, expiresAt } = body(res);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(expiresAt).toBe(new Date(clock.now().getTime() + 10 * MINUTE).toISOString());
      const rows = await t.ctx.db.selectFrom('provider_nonces').selectAll().execute();
      expect(rows).toEqual([
        {
          nonce_hash: sha256(nonce),
          created_at: clock.now().toISOString(),
          expires_at: expiresAt,
          used_at: null,
          user_id: bob.id,
        },
      ]);
      expectCode(await t.app.inject({ method: 'POST', url: '/api/v1/me/identities/nonce' }), 401, 'unauthenticated');
    });

    it('is rate limited like POST /auth/nonce', async () => {
      await t.close();
      await start({ RATE_LIMITS: 'on' });
      await createUser(t.ctx, { username: 'bob' });
      const { accessToken } = await login(t.app, 'bob');
      const ask = () =>
        t.app.inject({ method: 'POST', url: '/api/v1/me/identities/nonce', headers: bearer(accessToken) });
      for (let i = 0; i < 10; i++) expect((await ask()).statusCode).toBe(201);
      expectCode(await ask(), 429, 'rate_limited');
      expect(await count('provider_nonces')).toBe(10);
    });
  });

  describe('sign-in', () => {
    beforeEach(() => start());

    it('refuses the same Google ID token the second time, and changes nothing then', async () => {
      const idToken = await kit.googleToken();
      expect((await kit.signIn('google', { idToken })).statusCode).toBe(201);
      expectCode(await kit.signIn('google', { idToken }), 401, 'provider_token_replayed');
      expect(await count('sessions')).toBe(1);
      // the same person with a new token from Google signs in
      expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(200);
    });

    it('knows a token without jti by its signed part, however its signature is re-encoded', async () => {
      const idToken = await kit.appleToken({ nonce: 'the-app-own-nonce' });
      expect((await kit.signIn('apple', { idToken, nonce: 'the-app-own-nonce' })).statusCode).toBe(201);
      // the last base64url digit of a 256-byte signature carries 4 unused bits: flipping one is the same signature
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const rewritten = idToken.slice(0, -1) + alphabet[alphabet.indexOf(idToken.at(-1)!) ^ 1];
      expect(rewritten).not.toBe(idToken);
      expectCode(await kit.signIn('apple', { idToken: rewritten }), 401, 'provider_token_replayed');
      expectCode(await kit.signIn('apple', { idToken }), 401, 'provider_token_replayed');
      expect(await count('sessions')).toBe(1);
    });

    it('lets exactly one of simultaneous sign-ins with one token through', async () => {
      expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(201);
      const idToken = await kit.googleToken();
      const results = await Promise.all([1, 2, 3, 4].map(() => kit.signIn('google', { idToken })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401]);
      expect(results.filter((r) => r.statusCode === 401).every((r) => body(r).code === 'provider_token_replayed')).toBe(
        true,
      );
      expect(await count('sessions')).toBe(2);
    });

    it('spends a server nonce once: a second token minted for it is refused', async () => {
      const nonce = await kit.serverNonce();
      expect((await kit.signIn('google', { idToken: await kit.googleToken({ nonce }), nonce })).statusCode).toBe(201);
      const second = await kit.googleToken({ nonce });
      expectCode(await kit.signIn('google', { idToken: second, nonce }), 400, 'nonce_invalid');
      expectCode(await kit.signIn('google', { idToken: second }), 400, 'nonce_invalid');
      expect(await count('sessions')).toBe(1);
    });

    it('refuses an expired server nonce, which is remembered as long as a token for it could verify', async () => {
      const nonce = await kit.serverNonce();
      clock.advance(10 * MINUTE + 1000);
      await kit.serverNonce(); // asking for another forgets what no token can use any more: not this one
      const res = await kit.signIn('google', { idToken: await kit.googleToken({ nonce }), nonce });
      expectCode(res, 400, 'nonce_invalid');
      expect(await kit.count('users')).toBe(0);
      expect(await count('used_id_tokens')).toBe(0);
    });

    it('takes an Apple token minted for the SHA-256 of the nonce, with or without the nonce sent', async () => {
      const nonce = await kit.serverNonce();
      const withNonce = await kit.appleToken({ nonce: sha256(nonce) });
      expect((await kit.signIn('apple', { idToken: withNonce, nonce })).statusCode).toBe(201);
      // the token's claim alone names the nonce: it is spent now
      expectCode(
        await kit.signIn('apple', { idToken: await kit.appleToken({ nonce: sha256(nonce), sub: 'apple-2' }) }),
        400,
        'nonce_invalid',
      );
      const other = await kit.serverNonce();
      const claimOnly = await kit.appleToken({ nonce: sha256(other), sub: 'apple-3' });
      expect((await kit.signIn('apple', { idToken: claimOnly })).statusCode).toBe(201);
      const rows = await t.ctx.db.selectFrom('provider_nonces').select(['nonce_hash', 'used_at']).execute();
      expect(rows.every((r) => r.used_at === clock.now().toISOString())).toBe(true);
      expect(rows.map((r) => r.nonce_hash).sort()).toEqual([sha256(nonce), sha256(other)].sort());
    });

    it('refuses a link nonce, sent or only in the claim, and spends nothing: a link nonce signs no one in', async () => {
      await createUser(t.ctx, { username: 'bob' });
      const bob = (await login(t.app, 'bob')).accessToken as string;
      const nonce = await kit.linkNonce(bob);
      const idToken = await kit.googleToken({ sub: 'google-bob', nonce });
      expectCode(await kit.signIn('google', { idToken, nonce }), 400, 'nonce_invalid');
      expectCode(await kit.signIn('google', { idToken }), 400, 'nonce_invalid');
      const apple = await kit.appleToken({ nonce: sha256(nonce) });
      expectCode(await kit.signIn('apple', { idToken: apple, nonce }), 400, 'nonce_invalid');
      expect(await kit.count('users')).toBe(1);
      expect(await count('used_id_tokens')).toBe(0);
      // still unspent: it links for the account it was issued to
      expect((await link(bob, 'google', { idToken, nonce })).statusCode).toBe(200);
    });

    it('still signs in an app that sends no server nonce (API.md keeps it optional)', async () => {
      expect((await kit.signIn('google', { idToken: await kit.googleToken() })).statusCode).toBe(201);
      const own = await kit.googleToken({ nonce: 'made-by-the-app' });
      expect((await kit.signIn('google', { idToken: own, nonce: 'made-by-the-app' })).statusCode).toBe(200);
    });

    it('forgets a nonce a day after it expired, when no token minted for it could still verify', async () => {
      const old = await kit.serverNonce();
      clock.advance(10 * MINUTE + 24 * 60 * MINUTE + 3 * MINUTE);
      const fresh = await kit.serverNonce();
      const rows = await t.ctx.db.selectFrom('provider_nonces').select('nonce_hash').execute();
      expect(rows).toEqual([{ nonce_hash: sha256(fresh) }]);
      expect(sha256(old)).not.toBe(sha256(fresh));
    });

    it('forgets used tokens once they could no longer verify', async () => {
      await kit.signIn('google', { idToken: await kit.googleToken() });
      clock.advance(61 * MINUTE); // the one-hour token and the clock skew are over
      await kit.signIn('google', { idToken: await kit.googleToken() });
      const rows = await t.ctx.db.selectFrom('used_id_tokens').select('used_at').execute();
      expect(rows).toEqual([{ used_at: clock.now().toISOString() }]);
    });
  });

  describe('linking', () => {
    beforeEach(() => start());
    const signedIn = async (username: string) => {
      await createUser(t.ctx, { username });
      return (await login(t.app, username)).accessToken as string;
    };
    const identities = () => t.ctx.db.selectFrom('identities').select(['user_id', 'subject']).execute();

    it('links with a fresh link nonce of the account, once: the nonce links nothing more', async () => {
      const bob = await signedIn('bob');
      const nonce = await kit.linkNonce(bob);
      const res = await link(bob, 'google', { idToken: await kit.googleToken({ sub: 'google-bob', nonce }), nonce });
      expect(res.statusCode).toBe(200);
      expect(body(res).authMethods).toEqual(['password', 'google']);
      const carol = await signedIn('carol');
      const again = await link(carol, 'google', {
        idToken: await kit.googleToken({ sub: 'google-carol', nonce }),
        nonce,
      });
      expectCode(again, 400, 'nonce_invalid');
      await t.app.inject({ method: 'DELETE', url: '/api/v1/me/identities/google', headers: bearer(bob) });
      const twice = await link(bob, 'google', { idToken: await kit.googleToken({ sub: 'google-bob', nonce }), nonce });
      expectCode(twice, 400, 'nonce_invalid');
      expect(await identities()).toHaveLength(0);
    });

    it("refuses a sign-in nonce of POST /auth/nonce, even the account owner's own", async () => {
      const bob = await signedIn('bob');
      const nonce = await kit.serverNonce();
      expectCode(await link(bob, 'google', { idToken: await kit.googleToken({ nonce }), nonce }), 400, 'nonce_invalid');
      expect(await identities()).toHaveLength(0);
      // nor spent by the refusal: it still signs someone in
      expect((await kit.signIn('google', { idToken: await kit.googleToken({ nonce }), nonce })).statusCode).toBe(201);
    });

    it('refuses an expired link nonce', async () => {
      const bob = await signedIn('bob');
      const nonce = await kit.linkNonce(bob);
      clock.advance(10 * MINUTE + 1000);
      expectCode(await link(bob, 'google', { idToken: await kit.googleToken({ nonce }), nonce }), 400, 'nonce_invalid');
      expect(await identities()).toHaveLength(0);
    });

    it('links Apple with a token minted for the SHA-256 of the nonce, but only when the nonce itself is sent', async () => {
      const bob = await signedIn('bob');
      const nonce = await kit.linkNonce(bob);
      const idToken = await kit.appleToken({ nonce: sha256(nonce) });
      // the token shows only the hash: whoever holds the token alone cannot link it
      expectCode(await link(bob, 'apple', { idToken }), 400, 'nonce_invalid');
      expect((await link(bob, 'apple', { idToken, nonce })).statusCode).toBe(200);
      expect(await identities()).toHaveLength(1);
    });

    describe("a victim's leaked token, linked to an attacker's account", () => {
      /** Afterwards the victim signs in with Google: into an account of their own, not Mallory's. */
      const victimLandsInOwnAccount = async (mallory: string) => {
        const res = await kit.signIn('google', { idToken: await kit.googleToken({ sub: 'google-victim' }) });
        const malloryId = body(await t.app.inject({ url: '/api/v1/me', headers: bearer(mallory) })).id;
        expect(body(res).user?.id).not.toBe(malloryId);
        expect(res.statusCode).toBe(201);
      };
      const victimToken = (claims: Record<string, unknown> = {}) =>
        kit.googleToken({ sub: 'google-victim', email: 'victim@example.org', ...claims });

      it('is refused when it was minted for no server nonce (an app of its own, or none)', async () => {
        const mallory = await signedIn('mallory');
        const bare = await victimToken();
        expectCode(await link(mallory, 'google', { idToken: bare }), 400, 'nonce_invalid');
        const own = await victimToken({ nonce: 'the-victim-app-nonce' });
        expectCode(
          await link(mallory, 'google', { idToken: own, nonce: 'the-victim-app-nonce' }),
          400,
          'nonce_invalid',
        );
        // Mallory's own link nonce is not the token's
        const nonce = await kit.linkNonce(mallory);
        expectCode(await link(mallory, 'google', { idToken: bare, nonce }), 401, 'unauthenticated');
        expect(await identities()).toHaveLength(0);
        await victimLandsInOwnAccount(mallory);
      });

      it("is refused when its server nonce was already spent by the victim's sign-in", async () => {
        const nonce = await kit.serverNonce();
        // the victim's app got two tokens for one nonce: one signed in (then the victim left), one leaked
        const leaked = await victimToken({ nonce });
        const { accessToken } = body(await kit.signIn('google', { idToken: await victimToken({ nonce }), nonce }));
        await t.app.inject({
          method: 'DELETE',
          url: '/api/v1/me',
          headers: bearer(accessToken),
          payload: { confirm: 'victim' },
        });
        expect(await identities()).toHaveLength(0);
        const mallory = await signedIn('mallory');
        expectCode(await link(mallory, 'google', { idToken: leaked, nonce }), 400, 'nonce_invalid');
        expect(await identities()).toHaveLength(0);
        await victimLandsInOwnAccount(mallory);
      });

      it("is refused when it was minted for the victim's own unused sign-in nonce", async () => {
        await t.close();
        await start({ REQUIRE_INVITE: 'true' });
        // the victim's app asks for a public nonce; the sign-in fails (no invite) and the token leaks
        const nonce = await kit.serverNonce();
        const leaked = await victimToken({ nonce });
        expectCode(await kit.signIn('google', { idToken: leaked, nonce }), 403, 'invite_required');
        const mallory = await signedIn('mallory');
        expectCode(await link(mallory, 'google', { idToken: leaked, nonce }), 400, 'nonce_invalid');
        expectCode(await link(mallory, 'google', { idToken: leaked }), 400, 'nonce_invalid');
        expect(await identities()).toHaveLength(0);
        expect(await count('used_id_tokens')).toBe(0);
        // the victim, invited after all, still signs in with it into an account of their own
        const invite = await createInvite(t.ctx);
        const res = await kit.signIn('google', { idToken: leaked, nonce, inviteCode: invite.code });
        expect(res.statusCode).toBe(201);
        const malloryId = body(await t.app.inject({ url: '/api/v1/me', headers: bearer(mallory) })).id;
        expect(body(res).user.id).not.toBe(malloryId);
        expect(await identities()).toEqual([{ user_id: body(res).user.id, subject: 'google-victim' }]);
      });

      it("is refused when it was minted for the victim's own link nonce", async () => {
        // the victim, signed in, links Google from an app; the token leaks before it is sent
        const victim = await signedIn('victim');
        const nonce = await kit.linkNonce(victim);
        const leaked = await victimToken({ nonce });
        const mallory = await signedIn('mallory');
        expectCode(await link(mallory, 'google', { idToken: leaked, nonce }), 400, 'nonce_invalid');
        expectCode(await link(mallory, 'google', { idToken: leaked }), 400, 'nonce_invalid');
        expect(await identities()).toHaveLength(0);
        // Mallory's token for the victim's nonce is no better than the victim's for Mallory's
        const mine = await kit.googleToken({ sub: 'google-mallory', nonce });
        expectCode(await link(mallory, 'google', { idToken: mine, nonce }), 400, 'nonce_invalid');
        // the victim's own link goes through, and their Google sign-ins land in their own account
        expect((await link(victim, 'google', { idToken: leaked, nonce })).statusCode).toBe(200);
        const victimId = body(await t.app.inject({ url: '/api/v1/me', headers: bearer(victim) })).id;
        expect(await identities()).toEqual([{ user_id: victimId, subject: 'google-victim' }]);
        const later = await kit.signIn('google', { idToken: await victimToken() });
        expect(body(later).user.id).toBe(victimId);
      });

      it('is refused when the token itself was already used', async () => {
        const bob = await signedIn('bob');
        const nonce = await kit.linkNonce(bob);
        const idToken = await victimToken({ nonce });
        expect((await link(bob, 'google', { idToken, nonce })).statusCode).toBe(200);
        expect(
          (await t.app.inject({ method: 'DELETE', url: '/api/v1/me/identities/google', headers: bearer(bob) }))
            .statusCode,
        ).toBe(204);
        const mallory = await signedIn('mallory');
        expectCode(await link(mallory, 'google', { idToken, nonce }), 401, 'provider_token_replayed');
        expect(await identities()).toHaveLength(0);
        await victimLandsInOwnAccount(mallory);
      });
    });
  });

  it('spends nothing when the sign-in is refused: the same token works once the invite is given', async () => {
    await start({ REQUIRE_INVITE: 'true' });
    const nonce = await kit.serverNonce();
    const idToken = await kit.googleToken({ nonce });
    expectCode(await kit.signIn('google', { idToken, nonce }), 403, 'invite_required');
    expect(await count('used_id_tokens')).toBe(0);
    const invite = await createInvite(t.ctx);
    expect((await kit.signIn('google', { idToken, nonce, inviteCode: invite.code })).statusCode).toBe(201);
    expectCode(await kit.signIn('google', { idToken, nonce }), 401, 'provider_token_replayed');
  });
});
