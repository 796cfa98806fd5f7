import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createTestApp, type TestApp } from '../helpers/test-app.ts';

const PATH = '/.well-known/apple-app-site-association';
const INDEX = '<!doctype html><html><head><title>Baseline</title></head><body><div id="root"></div></body></html>';

/** Byte for byte what iOS must read for team A1B2C3D4E5 and bundle org.example.baseline. */
const EXPECTED =
  '{"applinks":{"details":[{"appIDs":["A1B2C3D4E5.org.example.baseline"],"components":[{"/":"/register","?":{"invite":"?*"},"comment":"invite links open the app\'s Sign up screen"}]}]},"webcredentials":{"apps":["A1B2C3D4E5.org.example.baseline"]}}';

/**
 * A built dashboard (index.html present), so that the SPA fallback is live: the association
 * must come from its own route, never from the dashboard's index.html.
 */
function withDashboard(env: Record<string, string>) {
  let root: string;
  const state = {} as { t: TestApp };
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'baseline-aasa-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    state.t = await createTestApp({ env, webRoot: root });
  });
  afterAll(async () => {
    await state.t.close();
    rmSync(root, { recursive: true, force: true });
  });
  return state;
}

describe('apple-app-site-association with APPLE_TEAM_ID and IOS_BUNDLE_ID set', () => {
  const s = withDashboard({ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example.baseline' });

  it('answers 200 application/json with exactly the applinks and webcredentials of TEAM.BUNDLE, no redirect', async () => {
    const res = await s.t.app.inject({ url: PATH });
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^application\/json(;|$)/);
    expect(res.body).toBe(EXPECTED);
  });

  it('needs no sign-in: a token, even a bad one, changes nothing', async () => {
    const res = await s.t.app.inject({ url: PATH, headers: { authorization: 'Bearer not-a-token' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(EXPECTED);
  });

  it('is the route, not the dashboard: the SPA fallback serves index.html elsewhere but not here', async () => {
    const page = await s.t.app.inject({ url: '/register?invite=K7QXM-4RTPW-9HJZA' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const res = await s.t.app.inject({ url: PATH });
    expect(res.headers['content-type']).not.toMatch(/html/);
    expect(res.body).not.toContain('<!doctype html>');
  });

  it('is left out of the OpenAPI document, like /healthz', async () => {
    const doc = body(await s.t.app.inject({ url: '/api/v1/openapi.json' }));
    const paths = Object.keys(doc.paths as object);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => p.includes('well-known') || p.includes('healthz'))).toEqual([]);
  });
});

describe('apple-app-site-association without the settings', () => {
  const s = withDashboard({});

  it('is a 404 problem document not_found, exactly as a path that is no route, not HTML', async () => {
    const res = await s.t.app.inject({ url: PATH });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body(res)).toEqual({
      type: 'about:blank',
      title: expect.any(String),
      status: 404,
      code: 'not_found',
      detail: `No such route GET ${PATH}.`,
      instance: `urn:request:${res.headers['x-request-id']}`,
    });
    const unknown = await s.t.app.inject({ url: '/.well-known/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe(res.headers['content-type']);
    expect(body(unknown).title).toBe(body(res).title);
  });

  it('is a 404 with a token too, and never the dashboard', async () => {
    const res = await s.t.app.inject({ url: PATH, headers: { authorization: 'Bearer not-a-token' } });
    expect(res.statusCode).toBe(404);
    expect(body(res).code).toBe('not_found');
    expect(res.body).not.toContain('<!doctype html>');
  });
});
