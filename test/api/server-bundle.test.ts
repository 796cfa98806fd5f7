import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server.ts';
import { VERSION } from '../../server/version.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../helpers/test-db.ts';

/**
 * `npm start` runs the server bundled into one file by scripts/build-server.ts, under plain node.
 * A package that finds its files through __dirname, or a module reading a file beside it, works
 * under tsx and can break only there: this builds a bundle of its own and uses it as a person would.
 */
/** Inside the checkout, as dist/server is: the bundle finds the packages it leaves out in node_modules. */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

describe(`the bundled server of npm start (${dbKind})`, () => {
  let dir: string;
  let testDb: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    mkdirSync(DIST, { recursive: true });
    dir = mkdtempSync(join(DIST, 'test-bundle-'));
    testDb = await createTestDatabase();
    await buildServer(join(dir, 'main.mjs'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts under plain node, answers as the TypeScript does, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    server = await startServerProcess(testDb.url, {}, [join(dir, 'main.mjs')]);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // server/version.ts reads ../package.json beside its source, not beside the bundle
    const info = (await (await fetch(`${server.url}/api/v1/server`)).json()) as { version: string };
    expect(info.version).toBe(VERSION);
    const openapi = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { info: { version: string } }).info.version).toBe(VERSION);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'not a password at all' }),
    });
    expect(login.status).toBe(401);
    expect((await server.stop()).code).toBe(0);
    server = undefined;
  });
});
