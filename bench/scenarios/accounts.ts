import { hashPassword } from '../../server/lib/passwords.ts';
import { newId } from '../../server/ids.ts';
import { call, createInvite, expect, PASSWORD } from '../lib/api.ts';
import { uniqueName, type Scenario } from '../lib/context.ts';
import { percentile, sequentialLatencies } from '../lib/load.ts';
import { ms, perSecond, type Row } from '../lib/report.ts';

const SIMULTANEOUS = 50;
const MAX_USES = 25;

/** Fires `n` registrations at once on one code; returns their statuses and the seconds they took. */
async function burst(base: string, code: string, n: number): Promise<{ statuses: number[]; seconds: number }> {
  const prefix = uniqueName('burst');
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      call(base, 'POST', '/api/v1/auth/register', {
        body: { username: `${prefix}-${i}`, password: PASSWORD, inviteCode: code },
      }),
    ),
  );
  return { statuses: answers.map((a) => a.status), seconds: (performance.now() - t0) / 1000 };
}

/** 50 registrations at once on an invite with 25 uses: exactly 25 accounts, and how fast. */
export const registrations: Scenario = {
  id: 'registrations',
  title: '50 simultaneous registrations on one invite (max uses 25), and on an unlimited one',
  async run(ctx) {
    const limited = await createInvite(ctx.server.url, ctx.adminToken, MAX_USES);
    const capped = await burst(ctx.server.url, limited.code, SIMULTANEOUS);
    const created = capped.statuses.filter((s) => s === 201).length;
    const refused = capped.statuses.filter((s) => s === 403).length;
    const invite = await expect<{ uses: number; users: unknown[] }>(
      200,
      ctx.server.url,
      'GET',
      `/api/v1/admin/invites/${limited.id}`,
      { token: ctx.adminToken },
    );
    const open = await createInvite(ctx.server.url, ctx.adminToken, null);
    const free = await burst(ctx.server.url, open.code, SIMULTANEOUS);
    const allCreated = free.statuses.every((s) => s === 201);
    const exact =
      created === MAX_USES &&
      refused === SIMULTANEOUS - MAX_USES &&
      invite.uses === MAX_USES &&
      invite.users.length === MAX_USES;
    return [
      {
        id: 'registrations',
        scenario: `${SIMULTANEOUS} simultaneous registrations on one invite`,
        result:
          `${created} created, ${refused} refused, invite uses ${invite.uses} of ${MAX_USES}; ` +
          `${perSecond(SIMULTANEOUS / free.seconds)} on an unlimited invite${allCreated ? '' : ' (SOME FAILED)'}`,
        target: `exactly ${MAX_USES} (max uses)`,
        met: exact && allCreated,
        data: {
          capped,
          free,
          created,
          refused,
          inviteUses: invite.uses,
          registrationsPerSecond: SIMULTANEOUS / free.seconds,
        },
      },
    ];
  },
};

const USERS = 100_000;

/** The admin's users list at 100,000 accounts: one page of 50, with and without a search. */
export const adminList: Scenario = {
  id: 'admin-list',
  title: 'admin users list, page of 50, at 100,000 users, with and without q',
  async run(ctx) {
    const hash = await hashPassword(PASSWORD);
    const now = new Date().toISOString();
    const t0 = performance.now();
    await ctx.writer.insert(
      'users',
      {
        id: 'text',
        username: 'text',
        username_key: 'text',
        email: 'text',
        email_key: 'text',
        password_hash: 'text',
        role: 'text',
        status: 'text',
        created_at: 'text',
        updated_at: 'text',
      },
      (function* () {
        for (let i = 0; i < USERS; i++) {
          const username = `Person${String(i).padStart(6, '0')}`;
          const email = i % 2 ? `${username.toLowerCase()}@example.org` : null;
          yield [
            newId(),
            username,
            username.toLowerCase(),
            email,
            email,
            hash,
            'user',
            i % 50 ? 'active' : 'disabled',
            now,
            now,
          ];
        }
      })(),
    );
    ctx.log(`  ${USERS.toLocaleString('en')} users inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const cases: [string, string][] = [
      ['first page', ''],
      ['`q` matching 10,000 people', '&q=person09'],
      ['`q` matching one person', `&q=person054321`],
      ['`q` matching nobody', `&q=nobody-here`],
    ];
    const rows: Row[] = [];
    const results: Record<string, { p50: number; p95: number }> = {};
    for (const [label, query] of cases) {
      const get = () =>
        fetch(`${ctx.server.url}/api/v1/admin/users?limit=50${query}`, {
          headers: { authorization: `Bearer ${ctx.adminToken}` },
        });
      await sequentialLatencies(20, get);
      const latencies = await sequentialLatencies(200, get);
      results[label] = { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
    }
    const worst = Math.max(...Object.values(results).map((r) => r.p95));
    rows.push({
      id: 'admin-list',
      scenario: 'admin users list, page of 50, 100,000 users',
      result: Object.entries(results)
        .map(([label, r]) => `${label}: p95 ${ms(r.p95)}`)
        .join('; '),
      target: 'p95 < 20 ms',
      met: worst < 20,
      data: { users: USERS, results },
    });
    return rows;
  },
};
