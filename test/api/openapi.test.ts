import { Ajv } from 'ajv';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: { $ref?: string } }>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const PROBLEM = '#/components/schemas/Problem';
/** The one operation no client input can make fail: it reads no body, query or path and needs no sign-in. */
const CANNOT_FAIL_BY_CLIENT = ['getServer'];

function operationsOf(doc: Document): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );
}

/** The codes an operation declares for a status: the backticked words of that response's description. */
function codesOf(op: Operation, status: string): string[] {
  return [...(op.responses[status]?.description ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
}

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('publishes every API path in full with its schemas', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = body(res);
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/server',
      '/api/v1/setup',
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/me',
      '/api/v1/me/sessions',
      '/api/v1/me/sessions/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const register = doc.paths['/api/v1/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(register.responses['201']).toBeDefined();
  });

  it('declares every request body closed, so unknown fields are refused everywhere', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' }));
    const withBodies: string[] = [];
    for (const [path, methods] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> } }>
      >,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.requestBody) continue;
        withBodies.push(`${method} ${path}`);
        expect(op.requestBody.content['application/json'].schema.additionalProperties, `${method} ${path}`).toBe(false);
      }
    }
    expect(withBodies.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every operation a unique id, a summary, its security and problem responses', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' })) as Document;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThanOrEqual(59);
    const ids = new Set<string>();
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^(get|post|patch|put|delete)[A-Z][A-Za-z]*$/);
      expect(ids.has(op.operationId ?? ''), `${where}: ${op.operationId} is used twice`).toBe(false);
      ids.add(op.operationId ?? '');
      expect(op.summary, where).toMatch(/^[^\n]{5,100}$/);
      expect(Array.isArray(op.security), `${where} declares its security, [] when public`).toBe(true);
      const errors = Object.entries(op.responses).filter(([status]) => !/^[23]/.test(status));
      for (const [status, res] of errors)
        expect(res.content?.['application/problem+json']?.schema.$ref, `${where} ${status}`).toBe(PROBLEM);
      if (CANNOT_FAIL_BY_CLIENT.includes(op.operationId ?? '')) continue;
      expect(
        errors.some(([status]) => status.startsWith('4')),
        `${where} declares its 4xx problems`,
      ).toBe(true);
    }
  });

  it('takes security from the auth config: bearer for routes with an action, optional for logout, none when public', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' })) as Document;
    const security = Object.fromEntries(operationsOf(doc).map(({ op }) => [op.operationId, op.security]));
    const bearer = [{ bearer: [] }];
    expect(security).toMatchObject({
      getServer: [],
      postSetup: [],
      postAuthRegister: [],
      postAuthLogin: [],
      postAuthRefresh: [],
      postAuthGoogle: [],
      getInvitesByCode: [],
      getMeExportDownloadByTicket: [],
      getAuthGoogleCallback: [],
      postAuthLogout: [{ bearer: [] }, {}],
      getMe: bearer,
      deleteMe: bearer,
      getMeExport: bearer,
      getMeSessions: bearer,
      getCheckIns: bearer,
      patchObservationsById: bearer,
      postMeIdentitiesByProvider: bearer,
      getAdminUsers: bearer,
      deleteAdminUsersById: bearer,
      postAdminInvitesByIdRevoke: bearer,
      getAdminAudit: bearer,
    });
    // and the server agrees: every operation that requires a bearer token refuses an anonymous call with 401
    for (const { method, path, op } of operationsOf(doc)) {
      if (JSON.stringify(op.security) !== JSON.stringify(bearer)) continue;
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url: path.replace(/\{[a-z]+\}/g, 'x') });
      expect(res.statusCode, `${method} ${path}`).toBe(401);
      expect(codesOf(op, '401'), `${method} ${path}`).toContain(body(res).code);
    }
  });

  it('lists the codes each route can answer with, by status, from the route declarations', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' })) as Document;
    const byId = Object.fromEntries(operationsOf(doc).map(({ op }) => [op.operationId, op]));
    const table: [string, string, string[]][] = [
      ['postSetup', '409', ['setup_done']],
      ['postSetup', '403', ['forbidden']],
      [
        'postAuthRegister',
        '403',
        ['invite_required', 'invite_invalid', 'invite_expired', 'invite_exhausted', 'invite_revoked'],
      ],
      ['postAuthRegister', '409', ['username_taken', 'email_taken']],
      ['postAuthLogin', '401', ['invalid_credentials']],
      ['postAuthLogin', '429', ['rate_limited']],
      ['postAuthRefresh', '401', ['refresh_token_invalid']],
      ['getMe', '401', ['unauthenticated']],
      ['patchMe', '403', ['account_disabled']],
      ['deleteMe', '409', ['last_admin']],
      ['getAdminUsers', '403', ['forbidden', 'account_disabled']],
      ['patchAdminUsersById', '403', ['forbidden', 'account_disabled', 'cannot_disable_self']],
      ['patchAdminUsersById', '404', ['not_found']],
      ['patchAdminUsersById', '409', ['last_admin']],
      ['deleteAdminUsersById', '403', ['forbidden', 'account_disabled', 'cannot_delete_self']],
      ['deleteMeIdentitiesByProvider', '409', ['last_sign_in_method']],
      ['postMeIdentitiesByProvider', '409', ['identity_taken', 'provider_already_linked']],
      ['postAuthGoogle', '409', ['username_taken', 'email_in_use']],
      ['getCheckInsById', '404', ['not_found']],
      ['postCheckIns', '400', ['validation_failed']],
    ];
    for (const [id, status, codes] of table) expect(codesOf(byId[id], status), `${id} ${status}`).toEqual(codes);
    // a disabled account may still read itself: the policy refuses GET /me to no one, so no 403 is claimed
    expect(byId.getMe.responses['403']).toBeUndefined();
    expect(byId.postAuthLogin.responses['429'].headers).toHaveProperty('retry-after');
  });

  it('describes the problem documents the server really sends', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' })) as Document;
    const validate = new Ajv({ strict: false }).compile(doc.components.schemas.Problem);
    const byId = Object.fromEntries(operationsOf(doc).map(({ op }) => [op.operationId, op]));
    const calls: [string, InjectOptions][] = [
      ['getMe', { url: '/api/v1/me' }],
      ['postAuthLogin', { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', extra: 1 } }],
      [
        'postAuthLogin',
        { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'not the password' } },
      ],
    ];
    for (const [id, request] of calls) {
      const res = await t.app.inject(request);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = body(res);
      expect(validate(problem), JSON.stringify(validate.errors)).toBe(true);
      expect(codesOf(byId[id], String(res.statusCode)), `${id} ${res.statusCode}`).toContain(problem.code);
    }
  });
});
