import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHashGauge } from '../../server/lib/passwords.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, PASSWORD } from '../helpers/factories.ts';

/** Door 2 of issue 11: a flood of sign-ins queues for argon2 instead of taking 19 MiB each at once. */
describe('argon2 under a login flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never runs more than two hashes per core at once: 40 simultaneous logins wait their turn', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `flood-${i}`);
    for (const username of names) await createUser(t.ctx, { username });
    const cap = 2 * availableParallelism();
    expect(passwordHashGauge().limit).toBe(cap);

    const all = names.map((username) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } }),
    );
    expect((await Promise.all(all)).map((res) => res.statusCode)).toEqual(Array(40).fill(200));

    const gauge = passwordHashGauge();
    // the flood filled every slot and never more: the rest queued
    expect(gauge.peak).toBe(cap);
    expect(gauge).toMatchObject({ inFlight: 0, waiting: 0 });
  });
});
