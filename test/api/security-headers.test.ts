import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';

const CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;connect-src 'self';font-src 'self' data:;" +
  "object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'";

describe('security headers', () => {
  let t: TestApp;
  let root: string;
  let accessToken: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'baseline-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Baseline</title>');
    writeFileSync(join(root, 'assets', 'app-abc123.js'), 'export {};');
    t = await createTestApp({ webRoot: root, env: { GOOGLE_CLIENT_ID: 'web.apps.test' } });
    await createUser(t.ctx, { username: 'heidi' });
    accessToken = (await login(t.app, 'heidi')).accessToken;
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the dashboard its Content-Security-Policy and the other browser protections', async () => {
    const res = await t.app.inject({ url: '/login' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('protects every other response too: assets, API answers, problems and not-found pages', async () => {
    const answers = [
      await t.app.inject({ url: '/assets/app-abc123.js' }),
      await t.app.inject({ url: '/api/v1/server' }),
      await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) }),
      await t.app.inject({ url: '/api/v1/me' }),
      await t.app.inject({ url: '/api/v1/nope' }),
      await t.app.inject({ url: '/nope' }),
      await t.app.inject({ url: '/healthz' }),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toBe(CSP);
    }
  });

  it('marks every /api/ answer no-store, success or problem, and keeps the export’s own', async () => {
    const answers = {
      server: await t.app.inject({ url: '/api/v1/server' }),
      me: await t.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) }),
      unauthenticated: await t.app.inject({ url: '/api/v1/me' }),
      notFound: await t.app.inject({ url: '/api/v1/nope' }),
      invalid: await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { nope: 1 } }),
      openapi: await t.app.inject({ url: '/api/v1/openapi.json' }),
      exported: await t.app.inject({ url: '/api/v1/me/export', headers: bearer(accessToken) }),
    };
    for (const [what, res] of Object.entries(answers)) expect(res.headers['cache-control'], what).toBe('no-store');
    expect(answers.unauthenticated.statusCode).toBe(401);
    expect(answers.openapi.statusCode).toBe(200);
    expect(body(answers.openapi).paths['/api/v1/server']).toBeDefined();
    expect(answers.exported.headers['content-disposition']).toMatch(/^attachment/);
    // the dashboard's files are cached as their names allow
    expect((await t.app.inject({ url: '/assets/app-abc123.js' })).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('keeps the Google flow’s redirects working', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/google/authorize?returnTo=/settings' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('http://baseline.test/login?error=not_found');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    expect((await t.app.inject({ url: '/login' })).headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ webRoot: root, env: { PUBLIC_URL: 'https://health.example.org' } });
    try {
      for (const url of ['/login', '/api/v1/server']) {
        expect((await secure.app.inject({ url })).headers['strict-transport-security'], url).toBe('max-age=31536000');
      }
    } finally {
      await secure.close();
    }
  });
});
