import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { CODE_ALPHABET } from '../../server/lib/invite-codes.ts';

const DAY = 24 * 3_600_000;

describe('invites', () => {
  let t: TestApp;
  let clock: FakeClock;
  let admin: string;
  beforeEach(async () => {
    clock = new FakeClock();
    // admin tokens outlive the days these tests move the clock through
    t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL: '30d' } });
    await createUser(t.ctx, { username: 'admin', role: 'admin' });
    admin = (await login(t.app, 'admin')).accessToken;
  });
  afterEach(() => t.close());

  const createInvite = async (payload: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/invites', headers: bearer(admin), payload });
    expect(res.statusCode).toBe(201);
    return body(res);
  };
  const register = (username: string, inviteCode?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username, password: 'a fine passphrase', ...(inviteCode !== undefined ? { inviteCode } : {}) },
    });
  const check = async (code: string) =>
    body(await t.app.inject({ url: `/api/v1/invites/${encodeURIComponent(code)}` }));

  it('creates a readable, random code with its link, and registers with it in any spelling', async () => {
    const invite = await createInvite({ label: 'for Alex', maxUses: 2 });
    expect(invite).toMatchObject({
      label: 'for Alex',
      maxUses: 2,
      uses: 0,
      expiresAt: null,
      revokedAt: null,
      state: 'active',
      createdBy: { username: 'admin' },
    });
    expect(invite.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`));
    expect(invite.link).toBe(`http://baseline.test/register?invite=${invite.code}`);
    expect(Math.log2(CODE_ALPHABET.length) * 15).toBeGreaterThanOrEqual(60);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const other = await createInvite();
    expect(other.code).not.toBe(invite.code);

    const typed = ` ${invite.code.toLowerCase().replace(/-/g, ' ')} `;
    expect(await check(typed)).toEqual({ valid: true, reason: null });
    const res = await register('alex', typed);
    expect(res.statusCode).toBe(201);
    expect(body(res).user.username).toBe('alex');

    const detail = body(await t.app.inject({ url: `/api/v1/admin/invites/${invite.id}`, headers: bearer(admin) }));
    expect(detail.uses).toBe(1);
    expect(detail.users.map((u: { username: string }) => u.username)).toEqual(['alex']);
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['invite_id', 'invited_by_id'])
      .where('username_key', '=', 'alex')
      .executeTakeFirstOrThrow();
    expect(row.invite_id).toBe(invite.id);
    expect(row.invited_by_id).toBe(invite.createdBy.id);
  });

  it('requires a code by default and names the reason a code cannot be used', async () => {
    expect(body(await register('nocode')).code).toBe('invite_required');
    expect(body(await register('nocode', '')).code).toBe('invite_required');
    expect(body(await register('typo', 'ZZZZZ-ZZZZZ-ZZZZZ')).code).toBe('invite_invalid');
    expect(await check('ZZZZZ-ZZZZZ-ZZZZZ')).toEqual({ valid: false, reason: 'invalid' });

    const once = await createInvite({ maxUses: 1 });
    expect((await register('first', once.code)).statusCode).toBe(201);
    expect(body(await register('second', once.code)).code).toBe('invite_exhausted');
    expect(await check(once.code)).toEqual({ valid: false, reason: 'exhausted' });

    const soon = await createInvite({ expiresAt: new Date(clock.now().getTime() + DAY).toISOString() });
    clock.advance(DAY + 1);
    expect(body(await register('late', soon.code)).code).toBe('invite_expired');
    expect(await check(soon.code)).toEqual({ valid: false, reason: 'expired' });

    const revoked = await createInvite();
    const r1 = body(
      await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${revoked.id}/revoke`, headers: bearer(admin) }),
    );
    expect(r1.state).toBe('revoked');
    const r2 = body(
      await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${revoked.id}/revoke`, headers: bearer(admin) }),
    );
    expect(r2.revokedAt).toBe(r1.revokedAt);
    const refused = await register('blocked', revoked.code);
    expect(refused.statusCode).toBe(403);
    expect(body(refused).code).toBe('invite_revoked');
    expect(await check(revoked.code)).toEqual({ valid: false, reason: 'revoked' });

    const users = await t.ctx.db.selectFrom('users').select('username').orderBy('username').execute();
    expect(users.map((u) => u.username)).toEqual(['admin', 'first']);
  });

  it('revoking does not touch accounts already created with the code', async () => {
    const invite = await createInvite();
    await register('early', invite.code);
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${invite.id}/revoke`, headers: bearer(admin) });
    const early = await login(t.app, 'early', 'a fine passphrase');
    expect(early.limited).toBe(false);
    const detail = body(await t.app.inject({ url: `/api/v1/admin/invites/${invite.id}`, headers: bearer(admin) }));
    expect(detail.users).toHaveLength(1);
  });

  it('shows revoked over expired over exhausted, and filters the list by state, newest first', async () => {
    const inDays = (n: number) => new Date(clock.now().getTime() + n * DAY).toISOString();
    const active = await createInvite({ label: 'active' });
    clock.advance(1000);
    const exhausted = await createInvite({ label: 'exhausted', maxUses: 1, expiresAt: inDays(10) });
    await register('user1', exhausted.code);
    clock.advance(1000);
    const expired = await createInvite({ label: 'expired', maxUses: 1, expiresAt: inDays(1) });
    await register('user2', expired.code);
    clock.advance(1000);
    const revoked = await createInvite({ label: 'revoked', maxUses: 1, expiresAt: inDays(1) });
    await register('user3', revoked.code);
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${revoked.id}/revoke`, headers: bearer(admin) });
    clock.advance(2 * DAY);

    const list = async (q: string) =>
      body(await t.app.inject({ url: `/api/v1/admin/invites${q}`, headers: bearer(admin) }));
    const all = await list('');
    expect(all.items.map((i: { label: string }) => i.label)).toEqual(['revoked', 'expired', 'exhausted', 'active']);
    expect(all.items.map((i: { state: string }) => i.state)).toEqual(['revoked', 'expired', 'exhausted', 'active']);
    expect(all.items.map((i: { uses: number; maxUses: number | null }) => [i.uses, i.maxUses])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [0, null],
    ]);
    expect(all.nextCursor).toBeNull();
    for (const state of ['active', 'expired', 'exhausted', 'revoked']) {
      expect((await list(`?state=${state}`)).items.map((i: { label: string }) => i.label)).toEqual([state]);
    }
    const page1 = await list('?limit=3');
    expect(page1.items).toHaveLength(3);
    const page2 = await list(`?limit=3&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([active.id]);
    expect(page2.nextCursor).toBeNull();
    expect((await t.app.inject({ url: '/api/v1/admin/invites?state=bogus', headers: bearer(admin) })).statusCode).toBe(
      400,
    );
  });

  it('validates new invites and changes nothing on bad input', async () => {
    const bad = async (payload: object, path: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/invites', headers: bearer(admin), payload });
      expect(res.statusCode).toBe(400);
      expect(body(res).errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await bad({ maxUses: 0 }, '/maxUses');
    await bad({ maxUses: 1.5 }, '/maxUses');
    await bad({ label: 'x'.repeat(101) }, '/label');
    await bad({ expiresAt: 'tomorrow' }, '/expiresAt');
    await bad({ expiresAt: new Date(clock.now().getTime() - 1000).toISOString() }, '/expiresAt');
    await bad({ code: 'MYOWNCODE' }, '/code');
    expect(await t.ctx.db.selectFrom('invites').select('id').execute()).toEqual([]);
    const unlimited = await createInvite({ label: null, maxUses: null, expiresAt: null });
    expect(unlimited).toMatchObject({ label: null, maxUses: null, expiresAt: null, state: 'active' });
  });

  it('is for admins only and records each action in the audit log', async () => {
    await createUser(t.ctx, { username: 'plain' });
    const user = (await login(t.app, 'plain')).accessToken;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invites',
      headers: bearer(user),
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(body(res).code).toBe('forbidden');
    expect((await t.app.inject({ url: '/api/v1/admin/invites', headers: bearer(user) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/admin/invites/nope', headers: bearer(admin) })).statusCode).toBe(404);

    const invite = await createInvite({ label: 'audited' });
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${invite.id}/revoke`, headers: bearer(admin) });
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/invites/${invite.id}/revoke`, headers: bearer(admin) });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'target', 'actor_id'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'invite.created', target: `invite:${invite.id}`, actor_id: invite.createdBy.id },
      { action: 'invite.revoked', target: `invite:${invite.id}`, actor_id: invite.createdBy.id },
    ]);
  });

  it('a username conflict during redemption leaves the use count unchanged', async () => {
    await createUser(t.ctx, { username: 'taken' });
    const invite = await createInvite({ maxUses: 1 });
    const res = await register('TAKEN', invite.code);
    expect(body(res).code).toBe('username_taken');
    const detail = body(await t.app.inject({ url: `/api/v1/admin/invites/${invite.id}`, headers: bearer(admin) }));
    expect(detail.uses).toBe(0);
    expect((await register('free', invite.code)).statusCode).toBe(201);
  });
});

describe('open registration (REQUIRE_INVITE=false)', () => {
  it('needs no code, but checks and records one that is given', async () => {
    const t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
    try {
      const adminUser = await createUser(t.ctx, { username: 'admin', role: 'admin' });
      const admin = (await login(t.app, 'admin')).accessToken;
      expect(body(await t.app.inject({ url: '/api/v1/server' })).requireInvite).toBe(false);
      const reg = (payload: object) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { password: 'a fine passphrase', ...payload },
        });
      expect((await reg({ username: 'walkin' })).statusCode).toBe(201);
      expect(body(await reg({ username: 'badcode', inviteCode: 'ZZZZZ' })).code).toBe('invite_invalid');
      const invite = body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/invites',
          headers: bearer(admin),
          payload: { label: 'friend' },
        }),
      );
      expect((await reg({ username: 'friend', inviteCode: invite.code })).statusCode).toBe(201);
      const rows = await t.ctx.db
        .selectFrom('users')
        .select(['username', 'invite_id', 'invited_by_id'])
        .orderBy('username')
        .execute();
      expect(rows).toEqual([
        { username: 'admin', invite_id: null, invited_by_id: null },
        { username: 'friend', invite_id: invite.id, invited_by_id: adminUser.id },
        { username: 'walkin', invite_id: null, invited_by_id: null },
      ]);
    } finally {
      await t.close();
    }
  });
});
