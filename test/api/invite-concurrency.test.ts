import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { raceInvite } from '../helpers/races.ts';

describe('max uses under concurrency (real parallel HTTP requests)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(() => t.close());

  it('lets exactly 5 of 50 simultaneous registrations through an invite with 5 uses', async () => {
    await createUser(t.ctx, { username: 'admin', role: 'admin' });
    const { accessToken } = await login(t.app, 'admin');
    const created = await fetch(`${base}/admin/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ maxUses: 5 }),
    });
    const invite = (await created.json()) as { id: string; code: string };

    const attempts = Array.from({ length: 50 }, (_, i) =>
      fetch(`${base}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `racer${i}`, password: 'a fine passphrase', inviteCode: invite.code }),
      }).then(async (r) => ({ status: r.status, code: r.ok ? null : ((await r.json()) as { code: string }).code })),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.code))).toEqual(new Set(['invite_exhausted']));

    const row = await t.ctx.db
      .selectFrom('invites')
      .select('uses')
      .where('id', '=', invite.id)
      .executeTakeFirstOrThrow();
    expect(row.uses).toBe(5);
    const users = await t.ctx.db.selectFrom('users').select('id').where('invite_id', '=', invite.id).execute();
    expect(users).toHaveLength(5);
  });

  it('lets exactly 1 and exactly 3 in when both invites are raced at once, 3 rounds of 20 each', async () => {
    // a short version of test/stress/concurrency.test.ts (20 rounds of 50 registrations per invite)
    await createUser(t.ctx, { username: 'inviter', role: 'admin' });
    const { accessToken } = await login(t.app, 'inviter');
    for (let round = 1; round <= 3; round++) {
      await Promise.all(
        [1, 3].map((maxUses) =>
          raceInvite(t, base, accessToken, { maxUses, attempts: 20, tag: `r${round}m${maxUses}` }),
        ),
      );
    }
  });
});
