import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { FAILURE_BURST } from '../../server/services/login.service.ts';
import { body, testConfig } from '../helpers/test-app.ts';
import { createUser } from '../helpers/factories.ts';
import { createTestDatabase } from '../helpers/test-db.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogLine {
  reqId?: string;
  msg?: string;
  [key: string]: unknown;
}

/** The app as production builds it, its log lines kept in memory (production's logger: level, redaction, format). */
async function appWithLog(env: Record<string, string> = {}) {
  const testDb = await createTestDatabase();
  const lines: LogLine[] = [];
  const config = { ...testConfig({ LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env }), databaseUrl: testDb.url };
  const { app, ctx } = await buildApp({
    config,
    database: testDb.database,
    logStream: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { app, ctx, lines, close: async () => (await app.close(), await testDb.drop()) };
}

describe('request ids', () => {
  let t: { app: FastifyInstance; close(): Promise<void> } | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('puts the id in every log line of the request, the X-Request-Id header and the problem as instance', async () => {
    const s = await appWithLog();
    t = s;
    const res = await s.app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(body(res).instance).toBe(`urn:request:${id}`);
    const ofRequest = s.lines.filter((l) => l.reqId === id);
    expect(ofRequest.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // a URL refused before any hook runs (it does not decode) is answered with its id all the same
    const undecodable = await s.app.inject({ url: '/api/v1/%zz' });
    expect(undecodable.statusCode).toBe(400);
    expect(body(undecodable).instance).toBe(`urn:request:${undecodable.headers['x-request-id']}`);
    expect(undecodable.headers['x-request-id']).toMatch(UUID);
    // a good answer carries its id too
    const ok = await s.app.inject({ url: '/healthz' });
    expect(ok.headers['x-request-id']).toMatch(UUID);
    expect(ok.headers['x-request-id']).not.toBe(id);
  });

  it("gives the services' own log lines the id of the request they serve", async () => {
    const s = await appWithLog();
    t = s;
    await createUser(s.ctx, { username: 'logged-alice' });
    let last: string | undefined;
    for (let i = 0; i < FAILURE_BURST.count; i++) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'logged-alice', password: 'wrong guess here' },
      });
      expect(res.statusCode).toBe(401);
      last = res.headers['x-request-id'] as string;
      expect(body(res).instance).toBe(`urn:request:${last}`);
    }
    // written through ctx.log by login.service.ts, not through request.log
    const burst = s.lines.find((l) => l.msg === 'repeated failed logins');
    expect(burst?.reqId).toBe(last);
  });

  it('are random: two apps (two processes, or one restarted) never hand out the same ids', async () => {
    const a = await appWithLog();
    const b = await appWithLog();
    t = { app: a.app, close: async () => (await a.close(), await b.close()) };
    const ids = new Set<string>();
    for (const app of [a.app, b.app, a.app, b.app])
      ids.add((await app.inject({ url: '/healthz' })).headers['x-request-id'] as string);
    expect(ids.size).toBe(4);
  });

  it('accepts X-Request-Id from a trusted proxy only', async () => {
    const s = await appWithLog({ TRUST_PROXY: '10.0.0.0/8' });
    t = s;
    const from = (remoteAddress: string, id: string): InjectOptions => ({
      url: '/api/v1/nothing',
      remoteAddress,
      headers: { 'x-request-id': id },
    });
    const viaProxy = await s.app.inject(from('10.1.2.3', 'proxy-7f3a.42'));
    expect(viaProxy.headers['x-request-id']).toBe('proxy-7f3a.42');
    expect(body(viaProxy).instance).toBe('urn:request:proxy-7f3a.42');
    expect(s.lines.some((l) => l.reqId === 'proxy-7f3a.42' && l.msg === 'request completed')).toBe(true);

    const direct = await s.app.inject(from('192.0.2.9', 'forged-id-1'));
    expect(direct.headers['x-request-id']).toMatch(UUID);
    expect(s.lines.some((l) => l.reqId === 'forged-id-1')).toBe(false);
  });

  it('with no proxy trusted (the default), ignores X-Request-Id', async () => {
    const s = await appWithLog();
    t = s;
    const res = await s.app.inject({ url: '/healthz', headers: { 'x-request-id': 'client-chosen' } });
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('replaces an id that is not a sane token, even from a trusted proxy', async () => {
    const s = await appWithLog({ TRUST_PROXY: 'true' });
    t = s;
    for (const bad of ['has space', 'x'.repeat(129), 'tab\there', 'caf\u00e9', '']) {
      const res = await s.app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id'], JSON.stringify(bad)).toMatch(UUID);
    }
    const longest = 'y'.repeat(128);
    expect(
      (await s.app.inject({ url: '/healthz', headers: { 'x-request-id': longest } })).headers['x-request-id'],
    ).toBe(longest);
    // any visible ASCII is kept; the problem's instance percent-encodes what a URI cannot hold
    const odd = await s.app.inject({ url: '/api/v1/nothing', headers: { 'x-request-id': 'a/b?c#d' } });
    expect(body(odd).instance).toBe('urn:request:a%2Fb%3Fc%23d');
  });
});
