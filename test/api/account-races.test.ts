import { afterEach, beforeEach, describe, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.ts';
import { duelOfLastAdmins, listen, refreshRacesWithGrace, refreshRacesWithoutGrace } from '../helpers/races.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Issue 11, the short run: the races of test/helpers/races.ts for a few rounds, so that the
 * regular suite keeps them; test/stress/concurrency.test.ts runs the same scenarios for 20 rounds.
 * Real concurrency: the app listens on a socket and each round's requests are on the wire at once.
 * (Max uses under simultaneous registrations: invite-concurrency.test.ts.)
 */
const ROUNDS = 3;

describe('the last two admins acting on each other at once', () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await createTestApp();
    base = await listen(t);
  });
  afterEach(() => t.close());

  it('demoting each other: one goes through, the other is 409 last_admin, one active admin remains', async () => {
    for (let round = 1; round <= ROUNDS; round++) await duelOfLastAdmins(t, base, { role: 'user' }, `demote${round}`);
  });

  it('disabling each other: one goes through, the other is 409 last_admin, one active admin remains', async () => {
    for (let round = 1; round <= ROUNDS; round++)
      await duelOfLastAdmins(t, base, { status: 'disabled' }, `disable${round}`);
  });
});

describe('20 simultaneous refreshes of one refresh token', () => {
  // the clock stands still: a round cannot outlast the grace window on a slow machine
  const clock = new FakeClock();

  it('with the grace window on: all get the same successor, and the session lives on', async () => {
    const t = await createTestApp({ clock });
    try {
      await refreshRacesWithGrace(t, await listen(t), { rounds: ROUNDS, n: 20, username: 'tabs' });
    } finally {
      await t.close();
    }
  });

  it('with REFRESH_REUSE_GRACE=0: exactly one succeeds, the rest are reuses, and the session is revoked', async () => {
    const t = await createTestApp({ clock, env: { REFRESH_REUSE_GRACE: '0' } });
    try {
      await refreshRacesWithoutGrace(t, await listen(t), { rounds: ROUNDS, n: 20, tag: 'strict' });
    } finally {
      await t.close();
    }
  });
});
