import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

describe('audit log', () => {
  let t: TestApp;
  let clock: FakeClock;
  let root: { accessToken: string; user: { id: string } };
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL: '1d' } });
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    root = await login(t.app, 'root');
  });
  afterEach(() => t.close());

  const audit = async (q = '') =>
    body(await t.app.inject({ url: `/api/v1/admin/audit${q}`, headers: bearer(root.accessToken) }));

  it('records admin actions with who, what and when, newest first', async () => {
    const sam = await createUser(t.ctx, { username: 'sam' });
    clock.advance(1000);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${sam.id}`,
      headers: bearer(root.accessToken),
      payload: { role: 'admin' },
    });
    clock.advance(1000);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${sam.id}`,
      headers: bearer(root.accessToken),
      payload: { status: 'disabled' },
    });
    const { items } = await audit();
    expect(items.slice(0, 2)).toEqual([
      {
        id: expect.any(String),
        at: clock.now().toISOString(),
        actor: { id: root.user.id, username: 'root' },
        action: 'user.changed',
        target: `user:${sam.id}`,
        detail: { status: { from: 'active', to: 'disabled' }, via: 'api' },
      },
      {
        id: expect.any(String),
        at: new Date(clock.now().getTime() - 1000).toISOString(),
        actor: { id: root.user.id, username: 'root' },
        action: 'user.changed',
        target: `user:${sam.id}`,
        detail: { role: { from: 'user', to: 'admin' }, via: 'api' },
      },
    ]);
  });

  it('records a burst of failed logins once, without the password or the attempted name', async () => {
    const target = await createUser(t.ctx, { username: 'target' });
    const fail = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'TARGET', password: 'wrong guess 123' },
      });
    for (let i = 0; i < 7; i++) expect((await fail()).statusCode).toBe(401);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ghost', password: 'wrong guess 123' },
    });
    const bursts = (await audit()).items.filter((e: { action: string }) => e.action === 'auth.login_failure_burst');
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({
      actor: null,
      target: `user:${target.id}`,
      detail: { failures: 5, windowMinutes: 15, knownAccount: true },
    });
    expect(JSON.stringify(bursts)).not.toContain('wrong guess');

    // a new window starts after 15 minutes; a success resets the count
    clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) await fail();
    await login(t.app, 'target');
    for (let i = 0; i < 4; i++) await fail();
    expect(
      (await audit()).items.filter((e: { action: string }) => e.action === 'auth.login_failure_burst'),
    ).toHaveLength(1);
    for (let i = 0; i < 1; i++) await fail();
    expect(
      (await audit()).items.filter((e: { action: string }) => e.action === 'auth.login_failure_burst'),
    ).toHaveLength(2);
  });

  it('pages through with a cursor and is for admins only', async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/invites',
        headers: bearer(root.accessToken),
        payload: { label: `n${i}` },
      });
    }
    const first = await audit('?limit=2');
    expect(first.items.map((e: { detail: { label: string } }) => e.detail.label)).toEqual(['n4', 'n3']);
    const second = await audit(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e: { detail: { label: string } }) => e.detail.label)).toEqual(['n2', 'n1']);
    const third = await audit(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((e: { detail: { label: string } }) => e.detail.label)).toEqual(['n0']);
    expect(third.nextCursor).toBeNull();
    expect(
      (await t.app.inject({ url: '/api/v1/admin/audit?cursor=garbage', headers: bearer(root.accessToken) })).statusCode,
    ).toBe(400);

    await createUser(t.ctx, { username: 'nosy' });
    const nosy = await login(t.app, 'nosy');
    expect(body(await t.app.inject({ url: '/api/v1/admin/audit', headers: bearer(nosy.accessToken) })).code).toBe(
      'forbidden',
    );
  });
});
