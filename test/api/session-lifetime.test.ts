import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, webClient, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import * as m005 from '../../server/db/migrations/005-session-sign-in-time.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('session lifetime: an absolute end from sign-in and an idle end', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-03-01T08:00:00.000Z'));
    t = await createTestApp({ clock });
    await createUser(t.ctx, { username: 'daily' });
  });
  afterEach(() => t.close());

  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
  const me = (accessToken: string) => t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) });
  const at = (iso: string) => new Date(iso).getTime();

  it('ends on day 30 however often it is refreshed, and never promises more', async () => {
    const signIn = clock.now().getTime();
    const absoluteEnd = signIn + 30 * DAY;
    let tokens = await login(t.app, 'daily');
    expect(at(tokens.refreshTokenExpiresAt)).toBeLessThanOrEqual(absoluteEnd);
    for (let day = 1; day < 30; day++) {
      clock.advance(DAY);
      const res = await refresh(tokens.refreshToken);
      expect(res.statusCode, `day ${day}`).toBe(200);
      tokens = body(res);
      expect(at(tokens.refreshTokenExpiresAt), `day ${day}`).toBeLessThanOrEqual(absoluteEnd);
      expect((await me(tokens.accessToken)).statusCode).toBe(200);
    }
    // the last refresh (day 29) could only promise the absolute end, not a further idle period
    expect(at(tokens.refreshTokenExpiresAt)).toBe(absoluteEnd);
    clock.advance(DAY); // day 30
    const ended = await refresh(tokens.refreshToken);
    expect(ended.statusCode).toBe(401);
    expect(body(ended).code).toBe('refresh_token_invalid');
    clock.advance(DAY); // day 31: still ended
    expect(body(await refresh(tokens.refreshToken)).code).toBe('refresh_token_invalid');
    // the refused refresh spent nothing: no new token was made on day 30 or 31
    expect(await t.ctx.db.selectFrom('refresh_tokens').select('id').execute()).toHaveLength(30);
  });

  it('moves the idle end with each refresh, up to REFRESH_IDLE_TTL (14 days) ahead', async () => {
    const tokens = await login(t.app, 'daily');
    expect(at(tokens.refreshTokenExpiresAt) - clock.now().getTime()).toBe(14 * DAY);
    clock.advance(13 * DAY);
    const next = body(await refresh(tokens.refreshToken));
    expect(at(next.refreshTokenExpiresAt) - clock.now().getTime()).toBe(14 * DAY);
  });

  it('ends a session left unused for longer than the idle limit', async () => {
    const tokens = await login(t.app, 'daily');
    clock.advance(14 * DAY + SECOND);
    const res = await refresh(tokens.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(body(res).code).toBe('refresh_token_invalid');
    // and it is gone from the person's list of sessions
    const fresh = await login(t.app, 'daily');
    const sessions = body(await t.app.inject({ url: '/api/v1/me/sessions', headers: bearer(fresh.accessToken) }));
    expect(sessions.items).toHaveLength(1);
  });

  it('keeps the reuse grace window: two tabs on day 29 both get the one successor, ending on day 30', async () => {
    const signIn = clock.now().getTime();
    let tokens = await login(t.app, 'daily');
    for (let day = 1; day < 29; day++) {
      clock.advance(DAY);
      tokens = body(await refresh(tokens.refreshToken));
    }
    clock.advance(DAY);
    const tabA = body(await refresh(tokens.refreshToken));
    clock.advance(5 * SECOND);
    const tabB = await refresh(tokens.refreshToken);
    expect(tabB.statusCode).toBe(200);
    expect(body(tabB).refreshToken).toBe(tabA.refreshToken);
    expect(body(tabB).refreshTokenExpiresAt).toBe(new Date(signIn + 30 * DAY).toISOString());
  });

  it('sets the refresh cookie to expire with the session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'daily', password: PASSWORD, cookie: true },
    });
    const cookie = res.cookies.find((c) => c.name === 'baseline_refresh')!;
    expect(cookie.expires!.getTime()).toBe(clock.now().getTime() + 14 * DAY);
    clock.advance(20 * DAY);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: webClient(),
      cookies: { baseline_refresh: cookie.value },
    });
    expect(body(late).code).toBe('refresh_token_invalid');
  });

  it('ends at its next refresh a session signed in longer ago than REFRESH_TOKEN_TTL (from before the upgrade)', async () => {
    const tokens = await login(t.app, 'daily');
    // migration 005 backfills signed_in_at from created_at: a session begun 40 days ago and refreshed ever since
    const longAgo = new Date(clock.now().getTime() - 40 * DAY).toISOString();
    await t.ctx.db.updateTable('sessions').set({ created_at: longAgo, signed_in_at: longAgo }).execute();
    const res = await refresh(tokens.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(body(res).code).toBe('refresh_token_invalid');
  });

  it('never lets an access token outlive its session', async () => {
    const tokens = await login(t.app, 'daily');
    // five minutes before the absolute end
    const signedIn = new Date(clock.now().getTime() - 30 * DAY + 5 * MINUTE).toISOString();
    await t.ctx.db.updateTable('sessions').set({ signed_in_at: signedIn }).execute();
    const next = body(await refresh(tokens.refreshToken));
    const end = new Date(clock.now().getTime() + 5 * MINUTE).toISOString();
    expect(next.refreshTokenExpiresAt).toBe(end);
    expect(next.accessTokenExpiresAt).toBe(end);
    expect((await me(next.accessToken)).statusCode).toBe(200);
    clock.advance(5 * MINUTE);
    expect((await me(next.accessToken)).statusCode).toBe(401);
  });

  it('migration 005 takes the sign-in time of existing sessions from created_at', async () => {
    await login(t.app, 'daily');
    const createdAt = new Date(clock.now().getTime() - 3 * DAY).toISOString();
    await t.ctx.db.updateTable('sessions').set({ created_at: createdAt }).execute();
    await t.ctx.db.schema.alterTable('sessions').dropColumn('signed_in_at').execute(); // as before 005
    await m005.up(t.ctx.db);
    const rows = await t.ctx.db.selectFrom('sessions').select(['created_at', 'signed_in_at']).execute();
    expect(rows).toEqual([{ created_at: createdAt, signed_in_at: createdAt }]);
  });

  it('lets REFRESH_TOKEN_TTL and REFRESH_IDLE_TTL be set', async () => {
    const short = await createTestApp({ clock, env: { REFRESH_TOKEN_TTL: '2d', REFRESH_IDLE_TTL: '12h' } });
    try {
      await createUser(short.ctx, { username: 'brief' });
      const tokens = await login(short.app, 'brief');
      expect(at(tokens.refreshTokenExpiresAt) - clock.now().getTime()).toBe(12 * HOUR);
      clock.advance(11 * HOUR);
      const second = body(
        await short.app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: tokens.refreshToken },
        }),
      );
      expect(at(second.refreshTokenExpiresAt) - clock.now().getTime()).toBe(12 * HOUR);
    } finally {
      await short.close();
    }
  });
});
