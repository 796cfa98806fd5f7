import { register, seedCheckIns, signIn } from '../lib/api.ts';
import { uniqueName, type Scenario } from '../lib/context.ts';
import { compareToBare, median } from '../lib/load.ts';
import { ms, pct, perSecond, type Row } from '../lib/report.ts';

const CONNECTIONS = 50;

/** Throughput of an authenticated GET /api/v1/me against the bare route, rounds interleaved. */
export const me: Scenario = {
  id: 'me',
  title: 'GET /api/v1/me with a valid token, against a bare Fastify route',
  async run(ctx) {
    const name = uniqueName('me');
    await register(ctx.server.url, ctx.inviteCode, name);
    const { accessToken } = await signIn(ctx.server.url, name);
    const result = await compareToBare(
      { url: `${ctx.bare.url}/bare`, connections: CONNECTIONS },
      {
        url: `${ctx.server.url}/api/v1/me`,
        headers: { authorization: `Bearer ${accessToken}` },
        connections: CONNECTIONS,
      },
    );
    ctx.shared.meRps = median(result.ours);
    ctx.shared.meRatio = result.ratio;
    const target = ctx.db === 'sqlite' ? 0.6 : 0.3;
    const rows: Row[] = [
      {
        id: 'me',
        scenario: '`GET /api/v1/me`, valid token',
        result: `${pct(result.ratio)} of bare (${perSecond(median(result.ours))} vs ${perSecond(median(result.bare))})`,
        target: `≥ ${pct(target)} of bare`,
        met: result.ratio >= target,
        ratio: { value: result.ratio, target, of: 'bare Fastify route' },
        data: { ...result, connections: CONNECTIONS },
      },
      {
        id: 'me-p99',
        scenario: '`GET /api/v1/me` p99 at 50 connections',
        result: ms(result.p99),
        target: '< 5 ms',
        met: result.p99 < 5,
        data: { p99: result.p99, connections: CONNECTIONS },
      },
    ];
    return rows;
  },
};

/** A page of 50 check-ins of a person who has 10,000, against the bare route. */
export const checkIns: Scenario = {
  id: 'check-ins',
  title: 'GET /api/v1/check-ins?limit=50 for a person with 10,000 check-ins',
  async run(ctx) {
    const name = uniqueName('checkins');
    const { user } = await register(ctx.server.url, ctx.inviteCode, name);
    await seedCheckIns(ctx.writer, user.id, 10_000);
    const { accessToken } = await signIn(ctx.server.url, name);
    const result = await compareToBare(
      { url: `${ctx.bare.url}/bare`, connections: CONNECTIONS },
      {
        url: `${ctx.server.url}/api/v1/check-ins?limit=50`,
        headers: { authorization: `Bearer ${accessToken}` },
        connections: CONNECTIONS,
      },
    );
    return [
      {
        id: 'check-ins',
        scenario: '`GET /api/v1/check-ins?limit=50`, 10,000 check-ins',
        result: `${pct(result.ratio)} of bare (${perSecond(median(result.ours))}, p99 ${ms(result.p99)})`,
        target: '≥ 25 % of bare',
        met: result.ratio >= 0.25,
        ratio: { value: result.ratio, target: 0.25, of: 'bare Fastify route' },
        data: { ...result, connections: CONNECTIONS },
      },
    ];
  },
};
