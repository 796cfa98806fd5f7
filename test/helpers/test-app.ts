import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { AppContext } from '../../server/context.ts';
import { appLogStream, flushAppLog } from './log-capture.ts';
import { recordFetchSecrets, recordInjectSecrets, recordSecret } from './secret-recorder.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

// what tests send to servers they start, and get back, is recorded too (see secret-recorder.ts)
recordFetchSecrets();

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  testDb: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * Test configuration: the real defaults, with rate limits and load shedding off and logs silent
 * unless a test says otherwise. Load shedding measures the event loop of the process, which an
 * in-process app shares with its test (seeding 100,000 rows blocks it for seconds): only
 * load-shedding.test.ts turns it on. Server processes (server-process.ts) keep the default.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    RATE_LIMITS: 'off',
    OVERLOAD_EVENT_LOOP_DELAY: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://baseline.test',
    SETUP_TOKEN: 'test-setup-token-0123456789',
    ...env,
  });
}

/**
 * buildApp on a fresh database, exactly as production builds it — its logger too: at `info`
 * (unless the test's env sets LOG_LEVEL), with production's redaction and serializers, into this
 * worker's file under test-results/logs/. Every secret its requests send or receive is recorded,
 * so that scripts/check-log-secrets.ts can prove none of them reached a log.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock; webRoot?: string } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = { ...testConfig({ LOG_LEVEL: 'info', ...options.env }), databaseUrl: testDb.url };
  recordSecret('setupToken', config.setupToken);
  recordSecret('dataEncryptionKey', config.dataEncryptionKey?.toString('base64'));
  const { app, ctx } = await buildApp({
    config,
    database: testDb.database,
    clock: options.clock,
    logStream: appLogStream(),
    webRoot: options.webRoot,
  });
  recordInjectSecrets(app);
  return {
    app,
    ctx,
    testDb,
    config,
    close: async () => {
      await app.close();
      await testDb.drop();
      await flushAppLog();
    },
  };
}

/** JSON body of a response, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function body(res: LightMyRequestResponse): any {
  return res.body ? JSON.parse(res.body) : undefined;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Headers the dashboard sends with cookie-based refresh and logout (the CSRF guard), for the test PUBLIC_URL by default. */
export const webClient = (origin = 'http://baseline.test') => ({ 'x-baseline-client': 'web', origin });

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Requests made as one caller: the one request helper of the API tests (each file used to write
 * its own). `base` is put before every url (e.g. '/api/v1'); a null token sends no Authorization.
 */
export function requestsAs(app: FastifyInstance, token: string | null, base = '') {
  const send = (method: Method, url: string, payload?: object) =>
    app.inject({
      method,
      url: `${base}${url}`,
      headers: token === null ? {} : bearer(token),
      ...(payload === undefined ? {} : { payload }),
    });
  return {
    send,
    get: (url: string) => send('GET', url),
    post: (url: string, payload: object) => send('POST', url, payload),
    patch: (url: string, payload: object) => send('PATCH', url, payload),
    del: (url: string, payload?: object) => send('DELETE', url, payload),
  };
}
