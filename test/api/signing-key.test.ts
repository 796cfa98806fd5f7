import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { DataCipher } from '../../server/lib/data-encryption.ts';
import { KEY_SET_SECRET, openKeySet, type SigningKey } from '../../server/lib/signing-keys.ts';
import { rotateSigningKey } from '../../server/services/rotate-signing-key.service.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { runCli } from '../helpers/run-cli.ts';
import { claimsOf, forge, kidOf, seconds } from '../helpers/forge-token.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;

describe('access-token signing keys', () => {
  const dataKey = randomBytes(32);
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, env: { DATA_ENCRYPTION_KEY: dataKey.toString('base64') } });
  });
  afterEach(() => t.close());

  const me = (token: string, app: FastifyInstance = t.app) =>
    app.inject({ url: '/api/v1/me', headers: bearer(token) }).then((r) => r.statusCode);
  const rows = () => t.ctx.db.selectFrom('server_secrets').selectAll().execute();
  /** The keys as the data key opens them: what a thief holding the database AND the data key would have. */
  const realKeys = async (): Promise<SigningKey[]> => {
    const row = (await rows()).find((r) => r.name === KEY_SET_SECRET)!;
    return openKeySet(new DataCipher(dataKey), row.value);
  };
  const claimsFor = (sub: string, sid: string, lifetimeMs: number, iatMs = clock.now().getTime()) => ({
    sub,
    sid,
    iss: 'baseline',
    iat: seconds(iatMs),
    exp: seconds(iatMs + lifetimeMs),
  });
  const rotate = () =>
    rotateSigningKey(t.ctx.db, t.ctx.dialect, new DataCipher(dataKey), clock.now(), {
      keepRetiredMs: 16 * MINUTE,
    });

  it('cannot be read from a copy of the database: no row signs an admin token', async () => {
    const admin = await createUser(t.ctx, { username: 'root', role: 'admin' });
    const real = await login(t.app, 'root');
    const kid = kidOf(real.accessToken);
    expect(kid).toBeTruthy();
    const session = await t.ctx.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow();
    const admin10y = claimsFor(admin.id, session.id, 10 * YEAR);
    const admin15m = claimsFor(admin.id, session.id, 15 * MINUTE);

    // every 32-byte value written anywhere in server_secrets, in base64 or base64url, or a row's whole text
    const candidates: Buffer[] = [];
    for (const row of await rows()) {
      candidates.push(Buffer.from(row.value, 'utf8'));
      for (const m of row.value.matchAll(/[A-Za-z0-9+/_-]{42,44}={0,2}/g))
        candidates.push(Buffer.from(m[0], m[0].includes('-') || m[0].includes('_') ? 'base64url' : 'base64'));
    }
    expect(candidates.length).toBeGreaterThan(3);
    for (const key of candidates) {
      for (const header of [kid, undefined]) {
        for (const claims of [admin10y, admin15m]) expect(await me(forge(key, claims, header))).toBe(401);
      }
    }
    // the same forgery with the key the data key unwraps works: the attempt above was a real one
    const current = (await realKeys()).find((k) => k.kid === kid)!;
    expect(await me(forge(current.key, admin15m, kid))).toBe(200);
  });

  it('refuses a token whose lifetime is longer than its TTL, or issued in the future', async () => {
    const user = await createUser(t.ctx, { username: 'alice' });
    const { accessToken } = await login(t.app, 'alice');
    const { sid } = claimsOf(accessToken);
    const kid = kidOf(accessToken)!;
    const key = (await realKeys()).find((k) => k.kid === kid)!.key;
    const now = clock.now().getTime();

    expect(await me(forge(key, claimsFor(user.id, sid, 15 * MINUTE), kid))).toBe(200);
    expect(await me(forge(key, claimsFor(user.id, sid, 10 * YEAR), kid))).toBe(401);
    expect(await me(forge(key, claimsFor(user.id, sid, 15 * MINUTE + 2 * SECOND), kid))).toBe(401);
    // issued an hour ahead, with a proper lifetime: refused; a few seconds ahead (clock skew) is fine
    expect(await me(forge(key, claimsFor(user.id, sid, 10 * MINUTE, now + 60 * MINUTE), kid))).toBe(401);
    expect(await me(forge(key, claimsFor(user.id, sid, 10 * MINUTE, now + 5 * SECOND), kid))).toBe(200);
    // a limited token (marked lim) may live LIMITED_ACCESS_TOKEN_TTL (5 minutes), not 15
    expect(await me(forge(key, { ...claimsFor(user.id, sid, 5 * MINUTE), lim: true }, kid))).toBe(200);
    expect(await me(forge(key, { ...claimsFor(user.id, sid, 15 * MINUTE), lim: true }, kid))).toBe(401);
  });

  it('marks limited tokens and gives them LIMITED_ACCESS_TOKEN_TTL', async () => {
    await createUser(t.ctx, { username: 'paused', status: 'disabled' });
    const limited = await login(t.app, 'paused');
    const claims = claimsOf(limited.accessToken);
    expect(claims.lim).toBe(true);
    expect(claims.exp - claims.iat).toBe(5 * 60);
    expect(await me(limited.accessToken)).toBe(200);
  });

  it('refuses a valid token for a session whose expires_at has passed', async () => {
    const user = await createUser(t.ctx, { username: 'idle' });
    const { accessToken } = await login(t.app, 'idle');
    const { sid } = claimsOf(accessToken);
    clock.advance(14 * DAY + SECOND); // past the idle end: nobody ended the session, it expired
    const fresh = await t.ctx.tokens.issue(t.ctx.db, { sub: user.id, sid });
    expect(await me(fresh.token)).toBe(401);
    // the same fresh token for a live session is accepted
    const { accessToken: live } = await login(t.app, 'idle');
    const again = await t.ctx.tokens.issue(t.ctx.db, { sub: user.id, sid: claimsOf(live).sid });
    expect(await me(again.token)).toBe(200);
  });

  it('rotates: old tokens work until they expire, new ones carry the new kid, unknown kids are refused', async () => {
    const user = await createUser(t.ctx, { username: 'carol' });
    const before = await login(t.app, 'carol');
    const oldKid = kidOf(before.accessToken)!;
    const oldKey = (await realKeys()).find((k) => k.kid === oldKid)!.key;

    const r = await rotate();
    expect(r.retired).toBe(oldKid);
    const after = await login(t.app, 'carol');
    expect(kidOf(after.accessToken)).toBe(r.current);
    expect(r.current).not.toBe(oldKid);
    expect(await me(after.accessToken)).toBe(200);

    clock.advance(14 * MINUTE);
    expect(await me(before.accessToken)).toBe(200);
    // the retired key signs nothing new: a token it "issued" after its retirement (and the skew) is refused
    const { sid } = claimsOf(before.accessToken);
    expect(await me(forge(oldKey, claimsFor(user.id, sid, 15 * MINUTE), oldKid))).toBe(401);
    clock.advance(MINUTE + SECOND);
    expect(await me(before.accessToken)).toBe(401);

    // a kid no key has, even over a valid signature of the current key
    const newKey = (await realKeys()).find((k) => k.kid === r.current)!.key;
    expect(await me(forge(newKey, claimsFor(user.id, sid, 15 * MINUTE), 'no-such-key'))).toBe(401);
    expect(await me(forge(newKey, claimsFor(user.id, sid, 15 * MINUTE), r.current))).toBe(200);
    // a kid-less token is no one's here (no key was adopted from an older version)
    expect(await me(forge(newKey, claimsFor(user.id, sid, 15 * MINUTE)))).toBe(401);

    // once every token of the retired key has expired, the next rotation drops it
    clock.advance(2 * MINUTE);
    const next = await rotate();
    expect(next.dropped).toBe(1);
    expect((await realKeys()).map((k) => k.kid).sort()).toEqual([r.current, next.current].sort());
  });

  it('is seen by every process: an unknown kid reloads the set, at most once per 5 seconds', async () => {
    await createUser(t.ctx, { username: 'dave' });
    const other = await buildApp({ config: t.config, database: t.testDb.database, clock, logger: false });
    try {
      expect(await me((await login(t.app, 'dave')).accessToken, other.app)).toBe(200);
      await rotate();
      const second = await login(t.app, 'dave');
      expect(await me(second.accessToken, other.app)).toBe(200); // reloaded on first sight
      await rotate();
      const third = await login(t.app, 'dave');
      expect(await me(third.accessToken, other.app)).toBe(401); // the last reload was less than 5 s ago
      clock.advance(5 * SECOND);
      expect(await me(third.accessToken, other.app)).toBe(200);
      // and that process signs with the newest key too
      expect(kidOf((await login(other.app, 'dave')).accessToken)).toBe(kidOf(third.accessToken));
    } finally {
      await other.app.close();
    }
  });

  it('baseline rotate-signing-key makes a new current key without a restart', async () => {
    await createUser(t.ctx, { username: 'erin' });
    const before = await login(t.app, 'erin');
    const res = await runCli(['rotate-signing-key'], {
      env: { DATABASE_URL: t.config.databaseUrl, DATA_ENCRYPTION_KEY: dataKey.toString('base64') },
    });
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const after = await login(t.app, 'erin');
    expect(kidOf(after.accessToken)).not.toBe(kidOf(before.accessToken));
    expect(res.out).toContain(`now signed with key ${kidOf(after.accessToken)}`);
    expect(res.out).toContain(`previous key (${kidOf(before.accessToken)}) keeps verifying`);
    expect(await me(before.accessToken)).toBe(200);
    expect(await me(after.accessToken)).toBe(200);

    const wrongKey = await runCli(['rotate-signing-key'], {
      env: { DATABASE_URL: t.config.databaseUrl, DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('cannot be opened with this data key');
    expect(await me(after.accessToken)).toBe(200);
  });
});
