import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { countActiveAdmins } from '../../server/repositories/users.repository.ts';
import { hashRefreshToken } from '../../server/services/sessions.service.ts';
import { createUser, login } from './factories.ts';
import type { TestApp } from './test-app.ts';

/**
 * The races of the account rules (issue 11), shared by the short versions in test/api and the
 * long ones in test/stress, so that both run the very same scenario and differ only in rounds.
 * Every race is real: the app listens on a socket and every request of a round is on the wire
 * before any answer is read (Promise.all over fetch), so the server handles them as it would
 * simultaneous clients — app.inject would hand them over one at a time.
 */

/** One answer of a raced request: the status, the problem code of an error, the JSON body. */
export interface Answer {
  status: number;
  code: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Starts the test app on a free port of the loopback interface; returns the API's base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
}

/** One JSON request over HTTP, as the given access token (or none). */
export async function send(
  base: string,
  method: string,
  path: string,
  options: { token?: string; payload?: object; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.payload ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.payload ? JSON.stringify(options.payload) : undefined,
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  return { status: res.status, code: res.ok ? null : (body?.code ?? null), body };
}

/**
 * Sends requests so that their handlers start together, after every one of them has been
 * authorized: the last-byte barrier. Each request goes out on its own connection with its
 * headers and all of its body but the last byte, and `Expect: 100-continue`; the server parses
 * the headers and runs its onRequest hooks (authentication, authorization) while the body is
 * incomplete. Once the server has acknowledged every request's headers (its 100 Continue) and
 * then answered a GET /readyz of its own (a pause that grows with the server's load), every last
 * byte is written at once and the handlers race. Without it, the first request may finish before
 * the second is even authorized (on SQLite, whose driver is synchronous, it always did), and the
 * race would be decided by authorization, not by the rule under test.
 */
export async function sendTogether(
  base: string,
  requests: { method: string; path: string; token?: string; payload: object }[],
): Promise<Answer[]> {
  const pending = requests.map((r) => {
    const body = Buffer.from(JSON.stringify(r.payload));
    const req = httpRequest(`${base}${r.path}`, {
      method: r.method,
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        expect: '100-continue',
        ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
      },
    });
    const continued = new Promise<void>((resolve) => req.once('continue', resolve));
    const answered = new Promise<Answer>((resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const json = text ? JSON.parse(text) : undefined;
          const ok = res.statusCode! >= 200 && res.statusCode! < 300;
          resolve({ status: res.statusCode!, code: ok ? null : (json?.code ?? null), body: json });
        });
      });
    });
    req.flushHeaders();
    req.write(body.subarray(0, body.length - 1));
    return { req, last: body.subarray(body.length - 1), continued, answered };
  });
  await Promise.all(pending.map((p) => p.continued));
  await send(base.replace(/\/api\/v1$/, ''), 'GET', '/readyz');
  for (const p of pending) p.req.end(p.last);
  return Promise.all(pending.map((p) => p.answered));
}

/** How many answers had each status, e.g. { 201: 1, 403: 49 }: the figures a round reports. */
export function tally(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

// ---------------------------------------------------------------- invites

export interface InviteRoundResult {
  maxUses: number;
  attempted: number;
  succeeded: number;
}

/**
 * PRODUCT.md: "with N uses left, at most N of any number of simultaneous registrations succeed".
 * Creates an invite of maxUses through the API, fires `attempts` registrations with it at once
 * (each its own username, so only the invite can refuse them), and checks that exactly maxUses
 * got in, every other one was told invite_exhausted, and the invite's count and its users agree.
 * The defence is the conditional update that counts a use (invites.repository.ts countInviteUse).
 */
export async function raceInvite(
  t: TestApp,
  base: string,
  adminToken: string,
  options: { maxUses: number; attempts: number; tag: string },
): Promise<InviteRoundResult> {
  const created = await send(base, 'POST', '/admin/invites', {
    token: adminToken,
    payload: { maxUses: options.maxUses },
  });
  expect(created.status).toBe(201);
  const invite = created.body as { id: string; code: string };
  const answers = await Promise.all(
    Array.from({ length: options.attempts }, (_, i) =>
      send(base, 'POST', '/auth/register', {
        payload: { username: `${options.tag}u${i}`, password: 'a fine passphrase', inviteCode: invite.code },
      }),
    ),
  );
  const succeeded = answers.filter((a) => a.status === 201).length;
  expect(succeeded, `registrations let through an invite of ${options.maxUses} uses`).toBe(options.maxUses);
  expect(new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.code}`))).toEqual(
    new Set(['403 invite_exhausted']),
  );
  const row = await t.ctx.db.selectFrom('invites').select('uses').where('id', '=', invite.id).executeTakeFirstOrThrow();
  expect(Number(row.uses)).toBe(options.maxUses);
  const users = await t.ctx.db.selectFrom('users').select('id').where('invite_id', '=', invite.id).execute();
  expect(users).toHaveLength(options.maxUses);
  return { maxUses: options.maxUses, attempted: options.attempts, succeeded };
}

// ---------------------------------------------------------------- the last two admins

/**
 * The last two active admins, `tag`a and `tag`b, each PATCH the other with the same change at
 * once (role user: demoting; status disabled: disabling). API.md: 409 last_admin when "the
 * action would leave no active admin". Both requests are authorized as admins before either
 * handler starts (sendTogether) as a rule, so the last-admin rule of change-user.service.ts, checked
 * under the admin lock, is what decides: exactly one change goes through, the other is answered 409
 * last_admin (or, when the first commits before the second is authorized, 403), and the server is left with exactly one active admin, the one whose request
 * succeeded. Every other admin is retired first (role user, straight in the database), so that
 * these two are the only active admins and no third one makes both changes legitimate.
 */
export async function duelOfLastAdmins(
  t: TestApp,
  base: string,
  change: { role: 'user' } | { status: 'disabled' },
  tag: string,
): Promise<void> {
  await t.ctx.db.updateTable('users').set({ role: 'user' }).where('role', '=', 'admin').execute();
  const a = await createUser(t.ctx, { username: `${tag}a`, role: 'admin' });
  const b = await createUser(t.ctx, { username: `${tag}b`, role: 'admin' });
  const [tokenA, tokenB] = [(await login(t.app, a.username)).accessToken, (await login(t.app, b.username)).accessToken];
  expect(await countActiveAdmins(t.ctx.db)).toBe(2);

  const [byA, byB] = await sendTogether(base, [
    { method: 'PATCH', path: `/admin/users/${b.id}`, token: tokenA, payload: change },
    { method: 'PATCH', path: `/admin/users/${a.id}`, token: tokenB, payload: change },
  ]);
  const outcome = [byA, byB].map((x) => `${x.status} ${x.code ?? ''}`.trim()).sort();
  // Usually both are authorized before either handler runs, and the last-admin rule refuses the
  // second. On a loaded machine the first change can commit before the second request is even
  // authorized: its sender is then no longer an active admin, and the per-request authorization
  // refuses it (403) before the rule is reached. Either way exactly one change goes through.
  const refusedEarly = 'status' in change ? '403 account_disabled' : '403 forbidden';
  expect(
    [
      ['200', '409 last_admin'],
      ['200', refusedEarly],
    ],
    `${tag}: one change goes through, the other is refused (${outcome.join(', ')})`,
  ).toContainEqual(outcome);

  const winner = byA.status === 200 ? a : b;
  const active = await t.ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .execute();
  expect(active.map((u) => u.id)).toEqual([winner.id]);
}

// ---------------------------------------------------------------- refresh

/** Presents one refresh token `n` times at once. */
export async function raceRefresh(base: string, refreshToken: string, n: number): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: n }, () => send(base, 'POST', '/auth/refresh', { payload: { refreshToken } })),
  );
}

const reuseAudits = (t: TestApp, sessionId: string) =>
  t.ctx.db
    .selectFrom('audit_events')
    .select('id')
    .where('action', '=', 'auth.refresh_token_reused')
    .where('target', '=', `session:${sessionId}`)
    .execute();

/** The one session a user signed in with (tests sign each user in once). */
async function onlySession(t: TestApp, userId: string) {
  const sessions = await t.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
  expect(sessions).toHaveLength(1);
  return sessions[0];
}

/**
 * With the reuse grace window on (REFRESH_REUSE_GRACE, two tabs refreshing at once must not
 * read as theft), `n` simultaneous refreshes of one token all succeed with one and the same
 * successor, the session stays open and unaccused, and every access token handed out works.
 * Round after round, the successor of one round is the token raced in the next, as a session
 * that lives through many such races. The app's clock must stand still (a FakeClock), so that
 * the window cannot close during a round on a slow machine: what is tested is the race, not the
 * window's length (refresh-grace.test.ts has that). The defences: the conditional spend of
 * spendRefreshToken and the derived successor of refresh-successors.ts.
 */
export async function refreshRacesWithGrace(
  t: TestApp,
  base: string,
  options: { rounds: number; n: number; username: string },
): Promise<void> {
  const user = await createUser(t.ctx, { username: options.username });
  let token: string = (await login(t.app, options.username)).refreshToken;
  const session = await onlySession(t, user.id);
  for (let round = 1; round <= options.rounds; round++) {
    const answers = await raceRefresh(base, token, options.n);
    expect(tally(answers), `round ${round}: every refresh succeeds`).toEqual({ 200: options.n });
    const successors = new Set(answers.map((a) => a.body.refreshToken as string));
    expect(successors.size, `round ${round}: one successor`).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(token);
    expect(new Set(answers.map((a) => a.body.refreshTokenExpiresAt)).size).toBe(1);
    // the session has exactly one live refresh token, the successor, and is still open
    const live = await t.ctx.db
      .selectFrom('refresh_tokens')
      .select('token_hash')
      .where('session_id', '=', session.id)
      .where('used_at', 'is', null)
      .execute();
    expect(live.map((r) => r.token_hash)).toEqual([hashRefreshToken(successor)]);
    const row = await t.ctx.db
      .selectFrom('sessions')
      .select('ended_at')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(row.ended_at).toBeNull();
    const me = await Promise.all(answers.map((a) => send(base, 'GET', '/me', { token: a.body.accessToken })));
    expect(tally(me)).toEqual({ 200: options.n });
    token = successor;
  }
  expect(await reuseAudits(t, session.id)).toHaveLength(0);
  // and the last successor rotates as usual
  const next = await send(base, 'POST', '/auth/refresh', { payload: { refreshToken: token } });
  expect(next.status).toBe(200);
  expect(next.body.refreshToken).not.toBe(token);
}

/**
 * With the grace window off (REFRESH_REUSE_GRACE=0), `n` simultaneous refreshes of one token are
 * one use and n − 1 reuses. API.md / PRODUCT.md: the refresh token "is spent" by the first, and
 * "presenting an already-used refresh token revokes that whole session". So exactly one refresh
 * answers 200 and all others 401 refresh_token_invalid, the session ends — the winner's new
 * refresh token and access token die with it — and the audit log records the reuse. Each round
 * signs a new user in (the previous session is over).
 */
export async function refreshRacesWithoutGrace(
  t: TestApp,
  base: string,
  options: { rounds: number; n: number; tag: string },
): Promise<void> {
  for (let round = 1; round <= options.rounds; round++) {
    const user = await createUser(t.ctx, { username: `${options.tag}${round}` });
    const { refreshToken } = await login(t.app, user.username);
    const session = await onlySession(t, user.id);
    const answers = await raceRefresh(base, refreshToken, options.n);
    expect(tally(answers), `round ${round}: one use, the rest are reuses`).toEqual({ 200: 1, 401: options.n - 1 });
    expect(new Set(answers.filter((a) => a.status === 401).map((a) => a.code))).toEqual(
      new Set(['refresh_token_invalid']),
    );
    const winner = answers.find((a) => a.status === 200)!.body;
    const row = await t.ctx.db
      .selectFrom('sessions')
      .select('ended_at')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(row.ended_at, `round ${round}: the session is revoked`).not.toBeNull();
    expect((await send(base, 'POST', '/auth/refresh', { payload: { refreshToken: winner.refreshToken } })).code).toBe(
      'refresh_token_invalid',
    );
    expect((await send(base, 'GET', '/me', { token: winner.accessToken })).status).toBe(401);
    expect((await reuseAudits(t, session.id)).length).toBeGreaterThanOrEqual(1);
  }
}
