import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';
import { bearer, body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';

/** Issue 11, door 5: input that used to reach a 500 (NUL on PostgreSQL, deep nesting anywhere) and prototype keys. */
describe('hostile input is refused with 400 validation_failed and changes nothing', () => {
  let t: TestApp;
  let adminToken: string;
  let userToken: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
    await createUser(t.ctx, { username: 'ada', role: 'admin' });
    await createUser(t.ctx, { username: 'bea' });
    adminToken = (await login(t.app, 'ada')).accessToken;
    userToken = (await login(t.app, 'bea')).accessToken;
  });
  afterAll(() => t.close());

  const admin = () => requestsAs(t.app, adminToken, '/api/v1');
  const user = () => requestsAs(t.app, userToken, '/api/v1');
  const anonymous = () => requestsAs(t.app, null, '/api/v1');

  /** A raw JSON text body, for what JSON.stringify will not write (or writes differently). */
  const rawJson = (url: string, payload: string, token: string | null = userToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
      payload,
    });

  const rowCounts = async () => {
    const count = async (table: 'users' | 'invites' | 'health_records' | 'login_failures' | 'sessions') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      users: await count('users'),
      invites: await count('invites'),
      healthRecords: await count('health_records'),
      loginFailures: await count('login_failures'),
      sessions: await count('sessions'),
    };
  };

  /** 400 validation_failed as problem+json, naming exactly these paths. */
  function expectRefused(res: LightMyRequestResponse, paths: string[]) {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((body(res).errors ?? []).map((e: { path: string }) => e.path)).toEqual(paths);
  }

  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const record = (data: string) => `{"recordedAt":"2026-05-01T08:00:00.000Z","type":"hostile","data":${data}}`;

  it('refuses NUL in a username, password or invite code at registration and login', async () => {
    const before = await rowCounts();
    expectRefused(await anonymous().post('/auth/register', { username: 'eve\u0000', password: PASSWORD }), [
      '/username',
    ]);
    expectRefused(
      await anonymous().post('/auth/register', { username: 'eve', password: PASSWORD, inviteCode: 'AB\u0000CD' }),
      ['/inviteCode'],
    );
    expectRefused(await anonymous().post('/auth/login', { username: 'ada\u0000', password: PASSWORD }), ['/username']);
    expectRefused(await anonymous().post('/auth/login', { username: 'ada', password: `${PASSWORD}\u0000` }), [
      '/password',
    ]);
    // nothing created, no failed login counted, no session opened
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses NUL in a path id, in q, and in a cursor, raw or decoded', async () => {
    expectRefused(await admin().get('/admin/users/%00'), ['params:/id']);
    expectRefused(await admin().get('/admin/invites/ab%00cd'), ['params:/id']);
    expectRefused(await user().del('/me/sessions/%00'), ['params:/id']);
    expectRefused(await user().get('/me/export/download/%00'), ['params:/ticket']);
    expectRefused(await admin().get('/admin/users?q=ada%00'), ['querystring:/q']);
    expectRefused(await admin().get('/admin/users?cursor=%00'), ['querystring:/cursor']);
    // a cursor this server never made: well-formed, but its key or id holds a NUL
    for (const list of ['/admin/users', '/admin/invites', '/admin/audit'])
      for (const cursor of [cursorOf(['ada\u0000', 'x']), cursorOf(['ada', 'x\u0000'])])
        expectRefused(await admin().get(`${list}?cursor=${cursor}`), ['querystring:/cursor']);
  });

  it('refuses NUL in an invite label, and creates no invite', async () => {
    const before = await rowCounts();
    expectRefused(await admin().post('/admin/invites', { label: 'Family\u0000' }), ['/label']);
    expect(await rowCounts()).toEqual(before);
    expect((await admin().post('/admin/invites', { label: 'Family' })).statusCode).toBe(201);
  });

  it('refuses NUL anywhere in a body, even where the schema takes any JSON (a record’s data)', async () => {
    const before = await rowCounts();
    expectRefused(await user().post('/health-records', JSON.parse(record('{"note":"a\\u0000b","ok":["x\\u0000"]}'))), [
      '/data/note',
      '/data/ok/0',
    ]);
    expectRefused(await rawJson('/health-records', record('{"k\\u0000":1}')), ['/data/k\u0000']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body nested deeper than 32 levels before validation: 5,000 levels is a 400, not a 500', async () => {
    const before = await rowCounts();
    const nested = (levels: number) => '{"a":'.repeat(levels) + '{}' + '}'.repeat(levels);
    expectRefused(await rawJson('/health-records', record(nested(5000))), ['/']);
    expectRefused(await rawJson('/health-records', record(nested(31))), ['/']);
    expectRefused(await rawJson('/auth/login', '['.repeat(100_000) + ']'.repeat(100_000), null), ['/']);
    expect(await rowCounts()).toEqual(before);
    // 32 levels in all (the body, data, then 30 more) is the most that is accepted
    expect((await rawJson('/health-records', record(nested(30)))).statusCode).toBe(201);
    // brackets inside strings are text, not nesting
    expect((await rawJson('/health-records', record(`{"s":"${'[{'.repeat(5000)}"}`))).statusCode).toBe(201);
  });

  it('refuses a number too large for a double (1e400 parses as Infinity), and stores nothing', async () => {
    // found by the stress fuzz: a lab result with referenceLow -1e400 was stored, then answered 500
    const before = await rowCounts();
    const lab = (low: string) =>
      `{"collectedOn":"2025-10-03","analyte":"Vitamin D","value":71,"unit":null,"referenceLow":${low},"referenceHigh":null}`;
    expectRefused(await rawJson('/lab-results', lab('-1e400')), ['/referenceLow']);
    expectRefused(await rawJson('/health-records', record('{"deep":[1,{"x":1e999}]}')), ['/data/deep/1/x']);
    expect(await rowCounts()).toEqual(before);
    // the largest doubles are numbers like any other
    expect((await rawJson('/lab-results', lab('-1.7e308'))).statusCode).toBe(201);
  });

  it('refuses __proto__ and constructor.prototype keys (prototype poisoning), wherever they are', async () => {
    const before = await rowCounts();
    expectRefused(await rawJson('/health-records', record('{"__proto__":{"polluted":true}}')), ['/data/__proto__']);
    expectRefused(await rawJson('/health-records', record('{"x":[{"constructor":{"prototype":{"polluted":1}}}]}')), [
      '/data/x/0/constructor/prototype',
    ]);
    expectRefused(await rawJson('/auth/login', `{"username":"ada","password":"${PASSWORD}","__proto__":{}}`, null), [
      '/__proto__',
    ]);
    expect(await rowCounts()).toEqual(before);
    // a plain "constructor" key is data like any other
    expect((await rawJson('/health-records', record('{"constructor":"Omron M3"}'))).statusCode).toBe(201);
  });

  it('answers a URL that does not decode, or an over-long path parameter, as a problem document', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/admin/users/%zz'],
      ['GET', '/api/v1/admin/users/%ED%A0%80'],
      ['DELETE', `/api/v1/admin/users/${'x'.repeat(101)}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer(adminToken) });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(body(res).code, url).toBe('validation_failed');
    }
  });
});

describe('the OpenAPI document shows the NUL rule on every string a request may carry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Schema = any;

  /** Every string schema under a request part, with where it is, walked without recursion. */
  function stringsOf(root: Schema, where: string): { where: string; schema: Schema }[] {
    const found: { where: string; schema: Schema }[] = [];
    const queue: [Schema, string][] = [[root, where]];
    for (let i = 0; i < queue.length; i++) {
      const [s, at] = queue[i];
      if (!s || typeof s !== 'object') continue;
      if (s.type === 'string' && s.const === undefined && s.enum === undefined) found.push({ where: at, schema: s });
      for (const [key, child] of Object.entries(s.properties ?? {})) queue.push([child, `${at}/${key}`]);
      for (const child of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) queue.push([child, at]);
      if (s.items) queue.push([s.items, `${at}/0`]);
    }
    return found;
  }

  /** Formats whose every valid value is printable ASCII: a NUL fails them as surely as the pattern. */
  const NUL_FREE_FORMATS = ['date', 'date-time', 'email'];
  const refusesNul = (s: Schema) =>
    NUL_FREE_FORMATS.includes(s.format) || (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test('a\u0000b'));

  it('every request string has a pattern (or a date or email format) that refuses U+0000', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' }));
    const strings: { where: string; schema: Schema }[] = [];
    for (const [path, item] of Object.entries<Record<string, Schema>>(doc.paths))
      for (const [method, op] of Object.entries<Schema>(item)) {
        for (const p of op.parameters ?? [])
          strings.push(...stringsOf(p.schema, `${method} ${path} ${p.in}:${p.name}`));
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        if (bodySchema) strings.push(...stringsOf(bodySchema, `${method} ${path} body:`));
      }
    expect(strings.length).toBeGreaterThan(50);
    const missing = strings.filter(({ schema }) => !refusesNul(schema)).map((s) => s.where);
    expect(missing).toEqual([]);
  });
});
