import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_PATHS, isDashboardPath } from '../../contract/web.ts';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';

const INDEX =
  '<!doctype html><html><head><title>Baseline</title><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("the dashboard");\n'.repeat(20);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A fake Vite build: index.html, one hashed script with its .br and .gz siblings, and top-level files. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'baseline-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(root, 'manifest.webmanifest'), JSON.stringify({ name: 'Baseline' }));
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  return root;
}

describe('serving the web dashboard', () => {
  let t: TestApp;
  let root: string;
  beforeAll(async () => {
    root = fakeBuild();
    t = await createTestApp({ webRoot: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/login',
    '/register',
    '/setup',
    '/disabled',
    '/check-ins',
    '/settings',
    '/settings/security',
    '/settings/a/b',
  ])('answers %s with index.html, not cached', async (path) => {
    const res = await t.app.inject({ url: `${path}?invite=ABC` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it('answers index.html exactly for the paths isDashboardPath names', async () => {
    const candidates = [
      ...DASHBOARD_PATHS,
      ...DASHBOARD_PATHS.map((p) => `${p}x`),
      ...DASHBOARD_PATHS.map((p) => `${p}/x`),
      '/settings/a/b',
      '/login/',
      '/assets/',
      '/api/v1/',
    ];
    for (const path of candidates) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode === 200 && res.body === INDEX, path).toBe(isDashboardPath(path));
    }
  });

  it('serves hashed assets as immutable, precompressed when the browser accepts it', async () => {
    const plain = await t.app.inject({ url: '/assets/app-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    const br = await t.app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await t.app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
  });

  it('serves top-level files from the root, revalidated each time', async () => {
    for (const [path, type] of [
      ['/manifest.webmanifest', /manifest\+json/],
      ['/favicon.svg', /image\/svg\+xml/],
      ['/sw.js', /javascript/],
      ['/index.html', /text\/html/],
    ] as const) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
      expect(res.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('answers 404 for unknown paths, JSON not_found under /api/, and never serves dotfiles or escapes the folder', async () => {
    for (const path of [
      '/nope',
      '/login/extra',
      '/assets/missing-1.js',
      '/.env',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '//etc/passwd',
      '/assets//app-abc123.js',
      '/assets/app-abc123.js%00',
    ]) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).not.toContain('SECRET');
    }
    for (const path of ['/api/v1/nope', '/api/v1/index.html', '/api/nope']) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(/^application\/problem\+json/);
      expect(body(res).code, path).toBe('not_found');
    }
    expect(body(await t.app.inject({ method: 'POST', url: '/api/v1/nope', payload: {} })).code).toBe('not_found');
  });

  it('leaves the API, the OpenAPI document and the probes as they were', async () => {
    expect(body(await t.app.inject({ url: '/api/v1/server' })).providers.password).toBe(true);
    expect(body(await t.app.inject({ url: '/api/v1/openapi.json' })).openapi).toMatch(/^3\./);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('before the dashboard is built', () => {
  it('answers dashboard paths with 503 dashboard_not_built and keeps the API running', async () => {
    const missing = join(tmpdir(), `baseline-web-missing-${process.pid}`);
    const t = await createTestApp({ webRoot: missing });
    try {
      for (const path of ['/', '/login', '/settings/security']) {
        const res = await t.app.inject({ url: path });
        expect(res.statusCode, path).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(body(res)).toMatchObject({
          code: 'dashboard_not_built',
          detail: expect.stringContaining('npm run build:web'),
        });
      }
      expect((await t.app.inject({ url: '/favicon.svg' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/api/v1/server' })).statusCode).toBe(200);

      // built while the server runs: served at once, no restart
      mkdirSync(missing);
      writeFileSync(join(missing, 'index.html'), INDEX);
      expect((await t.app.inject({ url: '/login' })).body).toBe(INDEX);
    } finally {
      await t.close();
      rmSync(missing, { recursive: true, force: true });
    }
  });

  it('answers 503 too when the folder exists without index.html', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'baseline-web-empty-'));
    const t = await createTestApp({ webRoot: empty });
    try {
      expect(body(await t.app.inject({ url: '/' })).code).toBe('dashboard_not_built');
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
