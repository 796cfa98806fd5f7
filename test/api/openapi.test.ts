import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';

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
    for (const path of ['/api/v1/server', '/api/v1/setup', '/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/me', '/api/v1/me/sessions', '/api/v1/me/sessions/{id}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const register = doc.paths['/api/v1/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(register.responses['201']).toBeDefined();
  });

  it('declares every request body closed, so unknown fields are refused everywhere', async () => {
    const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' }));
    const withBodies: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> } }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.requestBody) continue;
        withBodies.push(`${method} ${path}`);
        expect(op.requestBody.content['application/json'].schema.additionalProperties, `${method} ${path}`).toBe(false);
      }
    }
    expect(withBodies.length).toBeGreaterThanOrEqual(20);
  });
});
