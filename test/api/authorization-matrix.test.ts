import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTableOf } from '../../server/plugins/auth.plugin.ts';
import { createUser, login } from '../helpers/factories.ts';
import { body, createTestApp, requestsAs, type Method, type TestApp } from '../helpers/test-app.ts';

/**
 * Proof 1: every route of the server's own route table × five principals gets the answer
 * API.md's access rules give. The expected table is written out by hand, not computed from
 * access.policy.ts; a route the table lacks, or a row for a route that is gone, fails the test.
 *
 * Requests get past authorization and then fail harmlessly, so no principal is changed or lost:
 * unknown ids (404), and a body with an unknown field (400: the auth hook runs on onRequest,
 * before the body is validated, so only an authorized caller ever reaches the 400).
 */

/** refusals, with the code API.md gives them: 401 unauthenticated, 403 forbidden or account_disabled */
const U = 'unauthenticated';
const F = 'forbidden';
const D = 'account_disabled';
/** a status with its code when it is not the usual one of that status (400 validation_failed, 404 not_found) */
type Cell = number | typeof U | typeof F | typeof D | `${number} ${string}`;
type Row = [anonymous: Cell, user: Cell, disabledUser: Cell, admin: Cell, disabledAdmin: Cell];

/** The five kinds of caller, in the order of the table's columns. */
const PRINCIPALS = ['anonymous', 'user', 'disabled user', 'admin', 'disabled admin'] as const;

// prettier-ignore
const EXPECTED: Record<string, Row> = {
  //                                                 anonymous user disabled admin disabled admin
  // public: the same answer for everyone, token or not
  'GET /healthz':                                     [200, 200, 200, 200, 200],
  'GET /readyz':                                      [200, 200, 200, 200, 200],
  // Prometheus: open when METRICS_TOKEN is unset (as here), its own bearer token otherwise
  'GET /metrics':                                     [200, 200, 200, 200, 200],
  // Apple's app site association (the matrix's server has APPLE_TEAM_ID and IOS_BUNDLE_ID set)
  'GET /.well-known/apple-app-site-association':      [200, 200, 200, 200, 200],
  'GET /api/v1/openapi.json':                         [200, 200, 200, 200, 200],
  'GET /api/v1/server':                               [200, 200, 200, 200, 200],
  'POST /api/v1/setup':                               [400, 400, 400, 400, 400],
  'GET /api/v1/invites/:code':                        [200, 200, 200, 200, 200],
  'POST /api/v1/auth/register':                       [400, 400, 400, 400, 400],
  'POST /api/v1/auth/login':                          [400, 400, 400, 400, 400],
  'POST /api/v1/auth/refresh':                        [400, 400, 400, 400, 400],
  'POST /api/v1/auth/google':                         [400, 400, 400, 400, 400],
  'POST /api/v1/auth/apple':                          [400, 400, 400, 400, 400],
  // a single-use nonce for the provider's prompt: anyone, before signing in or to link
  'POST /api/v1/auth/nonce':                          [201, 201, 201, 201, 201],
  'GET /api/v1/auth/google/authorize':                [302, 302, 302, 302, 302],
  'GET /api/v1/auth/google/callback':                 [302, 302, 302, 302, 302],
  // the one-time link is its own authorization: public, and unknown tickets are not_found
  'GET /api/v1/me/export/download/:ticket':           [404, 404, 404, 404, 404],
  // logout authenticates when a bearer is sent, and lets anonymous calls through to the refresh token
  'POST /api/v1/auth/logout':                         [400, 400, 400, 400, 400],
  // a limited session becoming a full one: active accounts only (the matrix's user and admin hold full
  // tokens, and the unknown field stops them at validation, before the service refuses a full token)
  'POST /api/v1/auth/resume':                         [U, 400, D, 400, D],
  // the limited set (L): every account, disabled ones too
  'GET /api/v1/me':                                   [U, 200, 200, 200, 200],
  'DELETE /api/v1/me':                                [U, 400, 400, 400, 400],
  'GET /api/v1/me/export':                            [U, 200, 200, 200, 200],
  'POST /api/v1/me/export/link':                      [U, 400, 400, 400, 400],
  'GET /api/v1/me/exports':                           [U, 200, 200, 200, 200],
  // own account, full access only
  'PATCH /api/v1/me':                                 [U, 400, D, 400, D],
  'GET /api/v1/me/sessions':                          [U, 200, D, 200, D],
  'DELETE /api/v1/me/sessions/:id':                   [U, 404, D, 404, D],
  'POST /api/v1/me/identities/google/link-intent':    [U, 404, D, 404, D],
  'POST /api/v1/me/identities/nonce':                 [U, 201, D, 201, D],
  'POST /api/v1/me/identities/:provider':             [U, 400, D, 400, D],
  'DELETE /api/v1/me/identities/:provider':           [U, 404, D, 404, D],
  // health data, full access only
  'GET /api/v1/health-records':                       [U, 200, D, 200, D],
  'POST /api/v1/health-records':                      [U, 400, D, 400, D],
  'GET /api/v1/health-records/:id':                   [U, 404, D, 404, D],
  'PATCH /api/v1/health-records/:id':                 [U, 400, D, 400, D],
  'DELETE /api/v1/health-records/:id':                [U, 404, D, 404, D],
  'GET /api/v1/check-ins':                            [U, 200, D, 200, D],
  'POST /api/v1/check-ins':                           [U, 400, D, 400, D],
  'GET /api/v1/check-ins/:id':                        [U, 404, D, 404, D],
  'PATCH /api/v1/check-ins/:id':                      [U, 400, D, 400, D],
  'DELETE /api/v1/check-ins/:id':                     [U, 404, D, 404, D],
  'GET /api/v1/interventions':                        [U, 200, D, 200, D],
  'POST /api/v1/interventions':                       [U, 400, D, 400, D],
  'GET /api/v1/interventions/:id':                    [U, 404, D, 404, D],
  'PATCH /api/v1/interventions/:id':                  [U, 400, D, 400, D],
  'DELETE /api/v1/interventions/:id':                 [U, 404, D, 404, D],
  'GET /api/v1/observations':                         [U, 200, D, 200, D],
  'POST /api/v1/observations':                        [U, 400, D, 400, D],
  'GET /api/v1/observations/:id':                     [U, 404, D, 404, D],
  'PATCH /api/v1/observations/:id':                   [U, 400, D, 400, D],
  'DELETE /api/v1/observations/:id':                  [U, 404, D, 404, D],
  'GET /api/v1/lab-results':                          [U, 200, D, 200, D],
  'POST /api/v1/lab-results':                         [U, 400, D, 400, D],
  'GET /api/v1/lab-results/:id':                      [U, 404, D, 404, D],
  'PATCH /api/v1/lab-results/:id':                    [U, 400, D, 400, D],
  'DELETE /api/v1/lab-results/:id':                   [U, 404, D, 404, D],
  'GET /api/v1/integrations':                         [U, 200, D, 200, D],
  'POST /api/v1/integrations':                        [U, 400, D, 400, D],
  'GET /api/v1/integrations/:id':                     [U, 404, D, 404, D],
  'PATCH /api/v1/integrations/:id':                   [U, 400, D, 400, D],
  'DELETE /api/v1/integrations/:id':                  [U, 404, D, 404, D],
  // admin: role admin, status active
  'GET /api/v1/admin/users':                          [U, F, D, 200, D],
  'GET /api/v1/admin/users/:id':                      [U, F, D, 404, D],
  'PATCH /api/v1/admin/users/:id':                    [U, F, D, 400, D],
  'DELETE /api/v1/admin/users/:id':                   [U, F, D, 404, D],
  'GET /api/v1/admin/invites':                        [U, F, D, 200, D],
  'POST /api/v1/admin/invites':                       [U, F, D, 400, D],
  'GET /api/v1/admin/invites/:id':                    [U, F, D, 404, D],
  'POST /api/v1/admin/invites/:id/revoke':            [U, F, D, 404, D],
  'GET /api/v1/admin/audit':                          [U, F, D, 200, D],
};

/** What stands in for each path parameter: ids and tickets nobody has, so nothing is found, changed or spent. */
const PARAMS: Record<string, string> = {
  id: '0000000000000000000000000000000a',
  ticket: 'no-such-ticket',
  code: 'NOPE2NOPE2NOPE2',
  provider: 'google',
};

/** A body no route accepts (unknown fields are refused), so a write stops at validation, after authorization. */
const REFUSED_BODY = { matrixProbe: true };

/** The routes outside /api/v1 that the table lists by hand; the rest outside it are the dashboard's. */
const OUTSIDE_API_IN_MATRIX = ['/healthz', '/readyz', '/metrics', '/.well-known/apple-app-site-association'];

const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** The answer as a table cell: a refusal by its code, else the status (with its code when not the usual one). */
function cellOf(res: LightMyRequestResponse): Cell {
  const code = res.headers['content-type']?.toString().startsWith('application/problem+json')
    ? (body(res).code as string)
    : undefined;
  if (res.statusCode === 401 && code === U) return U;
  if (res.statusCode === 403 && (code === F || code === D)) return code;
  const usual = { 400: 'validation_failed', 404: 'not_found' }[res.statusCode];
  return code === undefined || code === usual ? res.statusCode : `${res.statusCode} ${code}`;
}

describe('authorization matrix: every route × anonymous, user, disabled user, admin, disabled admin', () => {
  let t: TestApp;
  const tokens = new Map<(typeof PRINCIPALS)[number], string | null>();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp({ env: { APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example.baseline' } });
    const admin = await createUser(t.ctx, { username: 'matrix-admin', role: 'admin' });
    await createUser(t.ctx, { username: 'matrix-user' });
    // disabled the way an admin does it; a disabled admin needs another active admin (matrix-admin)
    const dora = await createUser(t.ctx, { username: 'matrix-dora' });
    const dadmin = await createUser(t.ctx, { username: 'matrix-dadmin', role: 'admin' });
    const root = requestsAs(t.app, (await login(t.app, 'matrix-admin')).accessToken, '/api/v1');
    for (const id of [dora.id, dadmin.id])
      expect((await root.patch(`/admin/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);

    tokens.set('anonymous', null);
    for (const [principal, username] of [
      ['user', 'matrix-user'],
      ['disabled user', 'matrix-dora'],
      ['admin', 'matrix-admin'],
      ['disabled admin', 'matrix-dadmin'],
    ] as const) {
      const issued = await login(t.app, username);
      expect(issued.limited).toBe(principal.startsWith('disabled'));
      tokens.set(principal, issued.accessToken);
      ids.set(principal, issued.user.id);
    }
    expect(ids.get('admin')).toBe(admin.id);
  });
  afterAll(() => t.close());

  /** The API's routes, the probes and the app site association, one per method; automatic HEAD routes are checked apart. */
  const matrixRoutes = () =>
    routeTableOf(t.app).filter(
      (r) => r.method !== 'HEAD' && (r.url.startsWith('/api/v1/') || OUTSIDE_API_IN_MATRIX.includes(r.url)),
    );

  it("has a row for every route of the server's route table, and no row for a route that is gone", () => {
    const routes = matrixRoutes().map(keyOf).sort();
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives every HEAD route the access of its GET, and keeps every route outside the API public', () => {
    const table = routeTableOf(t.app);
    for (const head of table.filter((r) => r.method === 'HEAD')) {
      const get = table.find((r) => r.method === 'GET' && r.url === head.url);
      expect(get?.access, `HEAD ${head.url}`).toBe(head.access);
    }
    // the dashboard's pages and files (web.plugin.ts): anyone may load them, they hold no data
    const outside = table.filter((r) => !r.url.startsWith('/api/') && !OUTSIDE_API_IN_MATRIX.includes(r.url));
    expect(outside.length).toBeGreaterThan(2);
    for (const route of outside) expect(route.access, keyOf(route)).toBe('public');
  });

  it.each(Object.entries(EXPECTED))('%s', async (key, expected) => {
    const [method, path] = key.split(' ') as [Method, string];
    const url = path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name]);
    const payload = method === 'GET' ? undefined : REFUSED_BODY;
    const row: Cell[] = [];
    for (const principal of PRINCIPALS)
      row.push(cellOf(await requestsAs(t.app, tokens.get(principal) ?? null).send(method, url, payload)));
    expect(row).toEqual(expected);
  });

  it('left every principal as it was: same account, same status, session still open', async () => {
    for (const [principal, status] of [
      ['user', 'active'],
      ['disabled user', 'disabled'],
      ['admin', 'active'],
      ['disabled admin', 'disabled'],
    ] as const) {
      const me = await requestsAs(t.app, tokens.get(principal) ?? null, '/api/v1').get('/me');
      expect(me.statusCode, principal).toBe(200);
      expect(body(me)).toMatchObject({ id: ids.get(principal), status });
    }
  });
});
