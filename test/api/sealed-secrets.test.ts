import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { seal } from '../../server/lib/crypto.ts';
import { DataCipher, keyIdOfValue } from '../../server/lib/data-encryption.ts';
import { FLOW_KEY_SECRET } from '../../server/lib/flow-cookie.ts';
import { REFRESH_SUCCESSOR_SECRET } from '../../server/lib/refresh-successors.ts';
import { isSealed, loadSealedSecret, openSealedSecret, type SealedSecret } from '../../server/lib/sealed-secrets.ts';
import { setupLink, SETUP_TOKEN_SECRET } from '../../server/services/setup.service.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { claimsOf } from '../helpers/forge-token.ts';
import {
  signInAtProvider,
  startOidcProvider,
  WEB_CLIENT_ID,
  WEB_CLIENT_SECRET,
} from '../helpers/oidc-test-provider.ts';
import { runCli } from '../helpers/run-cli.ts';
import { bearer, body, testConfig, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const PUBLIC_URL = 'http://baseline.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/google/callback`;
const SETTINGS = `${PUBLIC_URL}/settings/account`;
const REFUSED_TICKET = `${SETTINGS}?error=unauthenticated`;
const REFUSED_FLOW = `${PUBLIC_URL}/login?error=unauthenticated`;
const PASSPHRASE = 'a long admin passphrase';

let op: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  op = await startOidcProvider(CALLBACK);
});
afterAll(() => op.close());

type Server = Pick<TestApp, 'app' | 'ctx'>;
const env = (dataKey: Buffer) => ({
  PUBLIC_URL,
  REQUIRE_INVITE: 'false',
  SETUP_TOKEN: '',
  GOOGLE_CLIENT_ID: WEB_CLIENT_ID,
  GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET,
  GOOGLE_ISSUER: op.issuer,
  DATA_ENCRYPTION_KEY: dataKey.toString('base64'),
});
const start = (testDb: TestDatabase, dataKey: Buffer, clock: FakeClock): Promise<Server> =>
  buildApp({
    config: { ...testConfig(env(dataKey)), databaseUrl: testDb.url },
    database: testDb.database,
    clock,
    logger: false,
  });
const rows = (s: Server) => s.ctx.db.selectFrom('server_secrets').selectAll().execute();
const rowOf = async (s: Server, secret: SealedSecret) => (await rows(s)).find((r) => r.name === secret.name)!.value;
/** A secret's value as the data key opens it: what a thief holding the database AND the data key would have. */
const opened = async (s: Server, secret: SealedSecret, dataKey: Buffer) =>
  openSealedSecret(new DataCipher(dataKey), secret, await rowOf(s, secret));

/** Seals a value as lib/flow-cookie.ts does (purpose '' for a flow cookie, 'google-link' for a link ticket). */
function mint(key: Buffer, purpose: string, value: object): string {
  const { iv, ciphertext, tag } = seal(key, JSON.stringify(value), purpose);
  return [iv, ciphertext, tag].map((b) => b.toString('base64url')).join('.');
}

/** Every 32-byte key a copy of server_secrets could give: each base64 or base64url run of a row, decoded, cut to 32 bytes. */
function keysInRows(values: string[]): Buffer[] {
  const keys: Buffer[] = [];
  for (const value of values)
    for (const run of value.match(/[A-Za-z0-9+/_=-]{43,}/g) ?? [])
      for (const encoding of ['base64', 'base64url'] as const) {
        const bytes = Buffer.from(run, encoding);
        if (bytes.length >= 32) keys.push(bytes.subarray(0, 32));
      }
  return keys;
}

/** A link ticket naming the victim's account and session, presented with its binder: where authorize sends the browser. */
async function presentTicket(s: Server, key: Buffer, victim: { id: string; sid: string }): Promise<string> {
  const binder = randomBytes(16).toString('base64url');
  const ticket = mint(key, 'google-link', {
    userId: victim.id,
    sessionId: victim.sid,
    binder,
    expiresAt: s.ctx.clock.now().getTime() + 60_000,
  });
  const res = await s.app.inject({
    url: `/api/v1/auth/google/authorize?link=${ticket}`,
    cookies: { baseline_link: binder },
  });
  return res.headers.location as string;
}

/**
 * A Google sign-in with a flow cookie sealed with `key`, carrying the caller's own state, nonce and
 * PKCE verifier. With `link` it is the attack a flow key allows: the victim's account and session
 * named as the account to link, then the attacker's own Google sign-in. Where the callback ends.
 */
async function flowWithCookie(s: Server, key: Buffer, as: string, link?: { id: string; sid: string }) {
  const [state, nonce, verifier] = [0, 0, 0].map(() => randomBytes(32).toString('base64url'));
  const any = new URL((await s.app.inject({ url: '/api/v1/auth/google/authorize' })).headers.location as string);
  any.searchParams.set('state', state);
  any.searchParams.set('nonce', nonce);
  any.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
  const cookie = mint(key, '', {
    state,
    nonce,
    verifier,
    invite: null,
    returnTo: link ? '/settings/account' : '/',
    expiresAt: s.ctx.clock.now().getTime() + 60_000,
    ...(link ? { link: { userId: link.id, sessionId: link.sid } } : {}),
  });
  const back = await signInAtProvider(any.href, as, CALLBACK);
  const res = await s.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: cookie } });
  return res.headers.location as string;
}

const signedIn = async (s: Server, username: string) => {
  const user = await createUser(s.ctx, { username });
  const tokens = await login(s.app, username);
  return { id: user.id, sid: claimsOf(tokens.accessToken).sid as string, ...tokens };
};
const authMethods = async (s: Server, token: string) =>
  body(await s.app.inject({ url: '/api/v1/me', headers: bearer(token) })).authMethods;
const refresh = async (s: Server, refreshToken: string) =>
  body(await s.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })).refreshToken;
const runSetup = (s: Server, setupToken: string) =>
  s.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { setupToken, username: 'root', password: PASSPHRASE },
  });
const successor = (key: Buffer, token: string) => createHmac('sha256', key).update(token).digest('base64url');

describe('server secrets sealed with the data key (issue 11, door 1)', () => {
  it('are not in the database: no row mints a link ticket or a flow cookie, derives a successor or sets up', async () => {
    const dataKey = randomBytes(32);
    const testDb = await createTestDatabase();
    const s = await start(testDb, dataKey, new FakeClock());
    try {
      const link = (await setupLink(s.ctx, s.ctx.db))!;
      const setupRow = await rowOf(s, SETUP_TOKEN_SECRET);
      expect(setupRow).not.toContain(new URL(link).searchParams.get('token'));
      for (const part of [setupRow, ...setupRow.split(/[^\w-]+/)])
        expect((await runSetup(s, part)).statusCode).toBe(403);

      const victimA = await signedIn(s, 'victim-a');
      const victimB = await signedIn(s, 'victim-b');
      const candidates = keysInRows((await rows(s)).map((r) => r.value));
      expect(candidates.length).toBeGreaterThan(3);
      for (const key of candidates) {
        expect(await presentTicket(s, key, victimA)).toBe(REFUSED_TICKET);
        expect(await flowWithCookie(s, key, 'mallory', victimB)).toBe(REFUSED_FLOW);
      }
      const r1 = await refresh(s, victimA.refreshToken);
      for (const key of candidates) expect(successor(key, victimA.refreshToken)).not.toBe(r1);
      expect(await authMethods(s, victimA.accessToken)).toEqual(['password']);
      expect(await authMethods(s, victimB.accessToken)).toEqual(['password']);

      // the same attempts with the keys the data key opens work: the attempts above were real ones
      const flowKey = Buffer.from(await opened(s, FLOW_KEY_SECRET, dataKey), 'base64');
      const ticketAccepted = await presentTicket(s, flowKey, victimA);
      expect(ticketAccepted.startsWith(op.issuer)).toBe(true);
      expect(await flowWithCookie(s, flowKey, 'mallory', victimB)).toBe(`${SETTINGS}?linked=google`);
      expect(await authMethods(s, victimB.accessToken)).toEqual(['password', 'google']);
      const hmacKey = Buffer.from(await opened(s, REFRESH_SUCCESSOR_SECRET, dataKey), 'base64');
      expect(successor(hmacKey, victimA.refreshToken)).toBe(r1);
    } finally {
      await s.app.close();
      await testDb.drop();
    }
  });

  it('replaces the plain secrets of an earlier version at start: racing processes agree, old copies open nothing', async () => {
    const dataKey = randomBytes(32);
    const clock = new FakeClock();
    const testDb = await createTestDatabase();
    // the database as the previous version left it: three plain rows
    const plain = { flow: randomBytes(32), hmac: randomBytes(32), setup: randomBytes(24).toString('base64url') };
    const nowIso = clock.now().toISOString();
    await testDb.database.db
      .insertInto('server_secrets')
      .values([
        { name: FLOW_KEY_SECRET.name, value: plain.flow.toString('base64'), created_at: nowIso },
        { name: REFRESH_SUCCESSOR_SECRET.name, value: plain.hmac.toString('base64'), created_at: nowIso },
        { name: SETUP_TOKEN_SECRET.name, value: plain.setup, created_at: nowIso },
      ])
      .execute();
    const [a, b] = await Promise.all([start(testDb, dataKey, clock), start(testDb, dataKey, clock)]);
    try {
      const [linkA, linkB] = await Promise.all([setupLink(a.ctx, a.ctx.db), setupLink(b.ctx, b.ctx.db)]);
      expect(linkA).toBe(linkB);
      const values = (await rows(a)).map((r) => r.value);
      expect(values).toHaveLength(4); // with the signing keys
      for (const value of values) {
        expect(isSealed(value)).toBe(true);
        for (const old of [plain.flow.toString('base64'), plain.hmac.toString('base64'), plain.setup])
          expect(value).not.toContain(old);
      }
      // the old plain values open nothing any more; a sign-in begun before the upgrade fails once
      expect((await runSetup(a, plain.setup)).statusCode).toBe(403);
      const admin = await runSetup(b, new URL(linkA!).searchParams.get('token')!);
      expect(admin.statusCode).toBe(201);
      const root = { id: body(admin).user.id as string, sid: claimsOf(body(admin).accessToken).sid as string };
      expect(await presentTicket(a, plain.flow, root)).toBe(REFUSED_TICKET);
      expect(await flowWithCookie(a, plain.flow, 'mallory', root)).toBe(REFUSED_FLOW);
      expect(await flowWithCookie(b, plain.flow, 'begun-before-the-upgrade')).toBe(REFUSED_FLOW);

      // both processes use the same new secrets: a sign-in begun on one ends on the other
      const flowKey = Buffer.from(await opened(a, FLOW_KEY_SECRET, dataKey), 'base64');
      expect(flowKey.equals(plain.flow)).toBe(false);
      const authorize = await a.app.inject({ url: '/api/v1/auth/google/authorize' });
      const flowCookie = authorize.cookies.find((c) => c.name === 'baseline_oauth')!.value;
      const back = await signInAtProvider(authorize.headers.location as string, 'after-upgrade', CALLBACK);
      const done = await b.app.inject({ url: back.pathname + back.search, cookies: { baseline_oauth: flowCookie } });
      expect(done.headers.location).toBe(`${PUBLIC_URL}/`);
      expect(a.ctx.refreshSuccessors.of('probe')).toBe(b.ctx.refreshSuccessors.of('probe'));
      const r0 = body(admin).refreshToken as string;
      const r1 = await refresh(a, r0);
      expect(successor(plain.hmac, r0)).not.toBe(r1);
      expect(successor(Buffer.from(await opened(a, REFRESH_SUCCESSOR_SECRET, dataKey), 'base64'), r0)).toBe(r1);
    } finally {
      await a.app.close();
      await b.app.close();
      await testDb.drop();
    }
  });

  it('is adopted once when many processes meet the same plain row together: all end with the one sealed value', async () => {
    const testDb = await createTestDatabase();
    const cipher = new DataCipher(randomBytes(32));
    const db = testDb.database.db;
    try {
      for (let round = 0; round < 5; round++) {
        await db.deleteFrom('server_secrets').execute();
        const plain = randomBytes(32).toString('base64');
        await db
          .insertInto('server_secrets')
          .values({ name: 'race', value: plain, created_at: new Date().toISOString() })
          .execute();
        const secret = { ...REFRESH_SUCCESSOR_SECRET, name: 'race' };
        const got = await Promise.all([...Array(8)].map(() => loadSealedSecret(db, cipher, secret, new Date())));
        const row = (await db.selectFrom('server_secrets').select('value').executeTakeFirstOrThrow()).value;
        expect(new Set(got)).toEqual(new Set([openSealedSecret(cipher, secret, row)]));
        expect(got[0]).not.toBe(plain);
      }
    } finally {
      await testDb.drop();
    }
  });

  it('are sealed again by rotate-encryption-key, unchanged: the restarted server still opens them', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const clock = new FakeClock();
    const testDb = await createTestDatabase();
    const s = await start(testDb, oldKey, clock);
    let restarted: Server | undefined;
    try {
      const link = await setupLink(s.ctx, s.ctx.db);
      const secrets = [FLOW_KEY_SECRET, REFRESH_SUCCESSOR_SECRET, SETUP_TOKEN_SECRET];
      const before = await Promise.all(secrets.map((secret) => opened(s, secret, oldKey)));
      const authorize = await s.app.inject({ url: '/api/v1/auth/google/authorize' });
      const flowCookie = authorize.cookies.find((c) => c.name === 'baseline_oauth')!.value;
      const probe = s.ctx.refreshSuccessors.of('probe');

      const cli = {
        DATABASE_URL: testDb.url,
        DATA_ENCRYPTION_KEY: oldKey.toString('base64'),
        NEW_DATA_ENCRYPTION_KEY: newKey.toString('base64'),
      };
      const res = await runCli(['rotate-encryption-key'], { env: cli });
      expect(res.err).toBe('');
      expect(res.out).toContain('Sealed 3 other server secret(s) again under the new key (0 already on it).');
      for (const [i, secret] of secrets.entries()) {
        expect(keyIdOfValue(await rowOf(s, secret))).toBe(new DataCipher(newKey).keyId);
        expect(await opened(s, secret, newKey)).toBe(before[i]);
      }
      expect((await runCli(['rotate-encryption-key'], { env: cli })).out).toContain('(3 already on it)');

      await s.app.close();
      restarted = await start(testDb, newKey, clock);
      expect(restarted.ctx.refreshSuccessors.of('probe')).toBe(probe);
      expect(await setupLink(restarted.ctx, restarted.ctx.db)).toBe(link);
      // a sign-in begun before the rotation ends on the server started with the new key
      const back = await signInAtProvider(authorize.headers.location as string, 'across-rotation', CALLBACK);
      const done = await restarted.app.inject({
        url: back.pathname + back.search,
        cookies: { baseline_oauth: flowCookie },
      });
      expect(done.headers.location).toBe(`${PUBLIC_URL}/`);
    } finally {
      await (restarted ?? s).app.close();
      await testDb.drop();
    }
  });
});
