import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../e2e/harness.ts';
import { send, type Answer } from '../helpers/races.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 11: two real server processes (`node --import tsx server/main.ts`, as README starts one)
 * on one PostgreSQL database and one Redis. PRODUCT.md: role and status "take effect on the
 * user's very next API request … on every server process at once", and "nothing that matters is
 * kept in one process's memory". So a role change, a disable, an invite revoked and a session
 * ended through process A are enforced by process B on the very next request, and the login
 * limits count attempts made through either process together: the per-address limit in Redis
 * (REDIS_URL), the per-account limit in the database.
 *
 * PostgreSQL only, hence the file's name (it runs in the postgres project alone): several
 * processes on one database is a PostgreSQL deployment (an embedded SQLite file belongs to one
 * server).
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'a fine passphrase';

/**
 * Every client gets its own address, sent as X-Forwarded-For (TRUST_PROXY=true): the per-address
 * limits apply per person as in life, and a random prefix per run keeps this run's counters in the
 * shared Redis apart from other runs' (the rate limiter's key prefix is fixed, "baseline-rl:").
 */
const net = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
let hosts = 0;
const newAddress = () => `${net}.${++hosts}`;

describe('two server processes on one PostgreSQL and one Redis', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let adminToken: string;
  let inviteCode: string;

  /** Requests to one process, from one client address. */
  const client = (server: TestServer, address = newAddress()) => {
    const base = `${server.url}/api/v1`;
    const headers = { 'x-forwarded-for': address };
    return {
      get: (path: string, token?: string) => send(base, 'GET', path, { token, headers }),
      post: (path: string, payload: object, token?: string) => send(base, 'POST', path, { token, payload, headers }),
      patch: (path: string, payload: object, token?: string) => send(base, 'PATCH', path, { token, payload, headers }),
      del: (path: string, token?: string) => send(base, 'DELETE', path, { token, headers }),
    };
  };

  const expectAnswer = (answer: Answer, status: number, code: string | null = null) =>
    expect(`${answer.status} ${answer.code}`, JSON.stringify(answer.body)).toBe(`${status} ${code}`);

  /** Registers a new account through the given process; returns its id and TokenResponse. */
  async function register(server: TestServer, username: string) {
    const res = await client(server).post('/auth/register', { username, password: PASSWORD, inviteCode });
    expectAnswer(res, 201);
    return { id: res.body.user.id as string, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      // both processes seal and open the signing keys and integration tokens with one key
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
    };
    // started together, as a deployment would: both create the server's secrets on an empty database
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    const setup = await client(a).post('/setup', { setupToken: a.setupToken, username: 'root', password: PASSWORD });
    expectAnswer(setup, 201);
    adminToken = setup.body.accessToken;
    const invite = await client(a).post('/admin/invites', {}, adminToken);
    expectAnswer(invite, 201);
    inviteCode = invite.body.code;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('a role change made through A is enforced by B on the next request', async () => {
    const user = await register(b, 'promoted');
    expectAnswer(await client(b).get('/admin/users', user.accessToken), 403, 'forbidden');

    expectAnswer(await client(a).patch(`/admin/users/${user.id}`, { role: 'admin' }, adminToken), 200);
    expectAnswer(await client(b).get('/admin/users', user.accessToken), 200);

    expectAnswer(await client(a).patch(`/admin/users/${user.id}`, { role: 'user' }, adminToken), 200);
    expectAnswer(await client(b).get('/admin/users', user.accessToken), 403, 'forbidden');
  });

  it('a disable made through A is enforced by B on the next request, refresh token included', async () => {
    const user = await register(b, 'disabled');
    expectAnswer(await client(b).get('/me/sessions', user.accessToken), 200);

    expectAnswer(await client(a).patch(`/admin/users/${user.id}`, { status: 'disabled' }, adminToken), 200);
    expectAnswer(await client(b).get('/me/sessions', user.accessToken), 403, 'account_disabled');
    expectAnswer(
      await client(b).post('/auth/refresh', { refreshToken: user.refreshToken }),
      401,
      'refresh_token_invalid',
    );
    // what a disabled account may still do, it does through B
    const me = await client(b).get('/me', user.accessToken);
    expectAnswer(me, 200);
    expect(me.body.status).toBe('disabled');
  });

  it('an invite revoked through A is refused by B at the next registration', async () => {
    const invite = await client(a).post('/admin/invites', { label: 'for Alex' }, adminToken);
    expectAnswer(invite, 201);
    const register = (username: string) =>
      client(b).post('/auth/register', { username, password: PASSWORD, inviteCode: invite.body.code });
    // B has used the code already, so a process that kept what it read would still take it
    const first = await register('intime');
    expectAnswer(first, 201);
    expect((await client(b).get(`/invites/${invite.body.code}`)).body).toEqual({ valid: true, reason: null });

    expectAnswer(await client(a).post(`/admin/invites/${invite.body.id}/revoke`, {}, adminToken), 200);
    expectAnswer(await register('toolate'), 403, 'invite_revoked');
    expect((await client(b).get(`/invites/${invite.body.code}`)).body).toEqual({ valid: false, reason: 'revoked' });
    // the account made with it before is untouched
    expectAnswer(await client(b).get('/me', first.body.accessToken), 200);
  });

  it('a session ended through A is over on B: its access token and its refresh token', async () => {
    const onB = await register(b, 'traveller');
    const signIn = await client(a).post('/auth/login', { username: 'traveller', password: PASSWORD });
    expectAnswer(signIn, 200);
    expectAnswer(await client(b).get('/me', onB.accessToken), 200);

    const sessions = await client(a).get('/me/sessions', signIn.body.accessToken);
    const other = (sessions.body.items as { id: string; current: boolean }[]).filter((s) => !s.current);
    expect(other).toHaveLength(1);
    expectAnswer(await client(a).del(`/me/sessions/${other[0].id}`, signIn.body.accessToken), 204);

    expectAnswer(await client(b).get('/me', onB.accessToken), 401, 'unauthenticated');
    expectAnswer(
      await client(b).post('/auth/refresh', { refreshToken: onB.refreshToken }),
      401,
      'refresh_token_invalid',
    );
    // the session it was ended from lives on, on both
    expectAnswer(await client(b).get('/me', signIn.body.accessToken), 200);
  });

  it('the per-address login limit counts failures through both processes together (Redis)', async () => {
    // one address, ten wrong passwords, each for another name so that no per-account count is reached
    const address = newAddress();
    for (let i = 0; i < 10; i++) {
      const res = await client(i % 2 ? b : a, address).post('/auth/login', { username: `nobody${i}`, password: 'x' });
      expectAnswer(res, 401, 'invalid_credentials');
    }
    // five through each: neither process alone has seen ten, yet both now refuse
    for (const server of [a, b]) {
      const res = await client(server, address).post('/auth/login', { username: 'root', password: PASSWORD });
      expectAnswer(res, 429, 'rate_limited');
    }
  });

  it('the per-account login limit counts failures through both processes together (database)', async () => {
    await register(a, 'targeted');
    // ten wrong passwords from ten addresses, so that no per-address limit is reached
    for (let i = 0; i < 10; i++) {
      const res = await client(i % 2 ? b : a).post('/auth/login', { username: 'targeted', password: `guess ${i}` });
      expectAnswer(res, 401, 'invalid_credentials');
    }
    // and now the right password, from fresh addresses, through either process
    for (const server of [a, b]) {
      const res = await client(server).post('/auth/login', { username: 'targeted', password: PASSWORD });
      expectAnswer(res, 429, 'rate_limited');
    }
  });
});
