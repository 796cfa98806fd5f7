import type { FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { routeTableOf } from '../../server/plugins/auth.plugin.ts';
import { body, testConfig } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * Door 7: a route that forgets `config.action` used to be public. Now every route declares its
 * access — an action, or 'public' said out loud — and the server refuses to start otherwise.
 */
describe('every route declares its access, or the server does not start', () => {
  let testDb: TestDatabase;
  afterEach(() => testDb.drop());

  const build = async (extraApiRoutes: FastifyPluginAsync) => {
    testDb = await createTestDatabase();
    const config = { ...testConfig(), databaseUrl: testDb.url };
    return buildApp({ config, database: testDb.database, logger: false, extraApiRoutes });
  };

  it('refuses to start when a route declares no access, naming each such route', async () => {
    const undeclared: FastifyPluginAsync = async (api) => {
      // the type says so too: a config without an action does not compile
      // @ts-expect-error config.action is required
      api.get('/forgot-access', { config: {} }, async () => ({ secret: true }));
      api.post('/no-config-at-all', async () => ({ secret: true }));
      api.get('/declared', { config: { action: 'me:read' } }, async () => ({}));
    };
    const failed = await build(undeclared).then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(failed).toContain('GET /api/v1/forgot-access');
    expect(failed).toContain('POST /api/v1/no-config-at-all');
    expect(failed).not.toContain('/api/v1/declared');
  });

  it("starts when the same routes declare 'public' or an action, and guards them as declared", async () => {
    const declared: FastifyPluginAsync = async (api) => {
      api.get('/said-public', { config: { action: 'public' } }, async () => ({ open: true }));
      api.get('/needs-a-user', { config: { action: 'me:read' } }, async () => ({}));
    };
    const { app } = await build(declared);
    try {
      const open = await app.inject({ url: '/api/v1/said-public' });
      expect(open.statusCode).toBe(200);
      expect(body(open)).toEqual({ open: true });
      const guarded = await app.inject({ url: '/api/v1/needs-a-user' });
      expect(guarded.statusCode).toBe(401);
      expect(body(guarded).code).toBe('unauthenticated');
      expect(routeTableOf(app)).toEqual(
        expect.arrayContaining([
          { method: 'GET', url: '/api/v1/said-public', access: 'public' },
          { method: 'HEAD', url: '/api/v1/said-public', access: 'public' },
          { method: 'GET', url: '/api/v1/needs-a-user', access: 'me:read' },
        ]),
      );
    } finally {
      await app.close();
    }
  });

  it("declares the dashboard's file routes public (from @fastify/static), and nothing else by default", async () => {
    const { app } = await build(async () => {});
    try {
      const table = routeTableOf(app);
      expect(table.filter((r) => r.url === '/*')).toEqual([
        { method: 'HEAD', url: '/*', access: 'public' },
        { method: 'GET', url: '/*', access: 'public' },
      ]);
      // the probes, the metrics, the app site association and the OpenAPI document are public by declaration too
      for (const url of [
        '/healthz',
        '/readyz',
        '/metrics',
        '/.well-known/apple-app-site-association',
        '/api/v1/openapi.json',
      ])
        expect(table.find((r) => r.method === 'GET' && r.url === url)?.access).toBe('public');
      // an unknown path is no route: still the JSON not_found, with or without a token
      const unknown = await app.inject({ url: '/api/v1/nothing-here', headers: { authorization: 'Bearer x' } });
      expect(unknown.statusCode).toBe(404);
      expect(body(unknown).code).toBe('not_found');
    } finally {
      await app.close();
    }
  });
});
