import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/database.ts';
import { ACCOUNT_LOCKOUT } from '../../server/services/login.service.ts';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, PASSWORD } from '../helpers/factories.ts';

const WINDOW_SECONDS = 15 * 60;

/**
 * Door 2 of issue 11: guesses spread over many addresses. Each address stays inside its own
 * per-address budget (rate limits on, 10 a minute), yet the account stops answering.
 */
describe('per-account sign-in limit', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, env: { RATE_LIMITS: 'on' } });
  });
  afterEach(() => t.close());

  const login = (username: string, password: string, from: string, app = t.app) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: from, payload: { username, password } });

  /** 30 wrong passwords, 10 from each of three addresses; returns the status codes in order. */
  async function guessFromThreeAddresses(username: string, net: string): Promise<number[]> {
    const codes: number[] = [];
    for (const host of [1, 2, 3])
      for (let i = 0; i < 10; i++)
        codes.push((await login(username, `guess number ${i}`, `${net}.${host}`)).statusCode);
    return codes;
  }

  const expectLocked = (res: LightMyRequestResponse, seconds: number) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res).code).toBe('rate_limited');
    expect(res.headers['retry-after']).toBe(String(seconds));
  };

  it('refuses the right password from a 4th address after 30 guesses from 3, until the window ends', async () => {
    await createUser(t.ctx, { username: 'victim', email: 'victim@example.org' });
    await createUser(t.ctx, { username: 'bystander' });

    const codes = await guessFromThreeAddresses('victim', '198.51.100');
    expect(codes.slice(0, ACCOUNT_LOCKOUT.attempts)).toEqual(Array(10).fill(401));
    expect(codes.slice(ACCOUNT_LOCKOUT.attempts)).toEqual(Array(20).fill(429));

    clock.advance(60_000);
    const right = await login('victim', PASSWORD, '203.0.113.4');
    expectLocked(right, WINDOW_SECONDS - 60);
    // by email too: the budget is the account's, not the name's
    expectLocked(await login('VICTIM@example.org', PASSWORD, '203.0.113.5'), WINDOW_SECONDS - 60);

    // an unknown name gets the very same answer
    const ghostCodes = await guessFromThreeAddresses('ghost', '192.0.2');
    expect(ghostCodes).toEqual(codes);
    const ghost = await login('ghost', PASSWORD, '203.0.113.6');
    expectLocked(ghost, WINDOW_SECONDS);
    expect(Object.keys(body(ghost)).sort()).toEqual(Object.keys(body(right)).sort());
    expect(body(ghost).title).toBe(body(right).title);

    // another account is not affected
    expect((await login('bystander', PASSWORD, '203.0.113.7')).statusCode).toBe(200);

    // the lock was written to the audit log once, in the failure's transaction
    const locked = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login_locked')
      .execute();
    expect(locked.map((e) => e.target)).toEqual([`user:${await userId('victim')}`, null]);

    clock.advance((WINDOW_SECONDS - 60) * 1000 + 1000);
    expect((await login('victim', PASSWORD, '203.0.113.8')).statusCode).toBe(200);
  });

  async function userId(username: string): Promise<string> {
    const row = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('counts simultaneous guesses: of 30 at once from 30 addresses, 10 reach the password check', async () => {
    await createUser(t.ctx, { username: 'crowded' });
    const all = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('crowded', `guess number ${i}`, `198.51.100.${i + 1}`)),
    );
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);
    expect((await login('crowded', PASSWORD, '203.0.113.1')).statusCode).toBe(429);
  });

  it('shares one budget between server processes through the database', async () => {
    await createUser(t.ctx, { username: 'shared' });
    // a second server on the same database, with its own connection, as a second process would have
    const database = { ...openDatabase(t.config.databaseUrl, { poolSize: 2 }), dataDir: t.testDb.database.dataDir };
    const other = await buildApp({ config: t.config, database, clock, logger: false });
    try {
      for (let i = 0; i < 5; i++)
        expect((await login('shared', 'wrong guess', `198.51.100.${i}`)).statusCode).toBe(401);
      for (let i = 0; i < 5; i++)
        expect((await login('shared', 'wrong guess', `192.0.2.${i}`, other.app)).statusCode).toBe(401);
      expectLocked(await login('shared', PASSWORD, '203.0.113.1', other.app), WINDOW_SECONDS);
      expectLocked(await login('shared', PASSWORD, '203.0.113.2'), WINDOW_SECONDS);
    } finally {
      await other.app.close();
      await database.db.destroy();
    }
  });

  it('starts again from zero after a successful sign-in', async () => {
    await createUser(t.ctx, { username: 'typo' });
    for (let i = 0; i < 9; i++) expect((await login('typo', 'wrong guess', `198.51.100.${i}`)).statusCode).toBe(401);
    expect((await login('typo', PASSWORD, '203.0.113.1')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login('typo', 'wrong guess', `192.0.2.${i}`)).statusCode).toBe(401);
    expect((await login('typo', PASSWORD, '203.0.113.2')).statusCode).toBe(429);
  });
});
