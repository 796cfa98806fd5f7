import { request as httpRequest, createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * A reverse proxy as nginx's `proxy_pass` with `proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for` and `X-Forwarded-Proto $scheme` runs it: the client's own
 * X-Forwarded-For (forged or not) with the address the proxy saw appended, to the server over a
 * connection of its own from 127.0.0.1.
 */
async function startProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const proxy = createServer((req, res) => {
    const seen = req.socket.remoteAddress ?? '';
    const forwarded = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${seen}` : seen;
    const headers: IncomingHttpHeaders = { ...req.headers, 'x-forwarded-for': forwarded, 'x-forwarded-proto': 'http' };
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

let n = 0;

/**
 * A sign-in attempt on another unknown account each time (only the per-address limit is at work)
 * from a client at `from` — a loopback address of its own (Linux routes all of 127/8 to the
 * loopback interface) — through the proxy. Answers the status and problem code.
 */
function attempt(proxyUrl: string, from: string, forged?: string): Promise<string> {
  const url = new URL('/api/v1/auth/login', proxyUrl);
  const payload = JSON.stringify({ username: `mallory-${n++}`, password: 'guess number n' });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(forged ? { 'x-forwarded-for': forged } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(`${res.statusCode} ${(JSON.parse(text) as { code?: string }).code}`));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The client address the server's log gives each sign-in request (its lines with the request), in order. */
function loggedAddresses(server: ServerProcess): string[] {
  const byRequest = new Map<string, string>();
  for (const text of server.output().split('\n')) {
    if (!text.startsWith('{')) continue;
    const line = JSON.parse(text) as { reqId?: string; req?: { url?: string; remoteAddress?: string } };
    if (line.reqId === undefined || line.req?.url !== '/api/v1/auth/login') continue;
    if (!byRequest.has(line.reqId)) byRequest.set(line.reqId, line.req.remoteAddress ?? 'none');
  }
  return [...byRequest.values()];
}

const REFUSED = '401 invalid_credentials';
const LIMITED = '429 rate_limited';
const A = '127.0.0.2';
const B = '127.0.0.3';

describe.each([
  { trustProxy: '1', perClient: true },
  { trustProxy: 'false', perClient: false },
])('a real server behind a reverse proxy, TRUST_PROXY=$trustProxy', ({ trustProxy, perClient }) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let proxy: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServerProcess(database.url, {
      RATE_LIMITS: 'on',
      TRUST_PROXY: trustProxy,
      LOG_LEVEL: 'info',
      // every answer here is counted and asserted: no load shedding on a busy test machine (its own test has that)
      OVERLOAD_EVENT_LOOP_DELAY: '0',
    });
    proxy = await startProxy(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
    await database?.drop();
  });

  it(
    perClient
      ? 'limits each client by its own address, which a forged X-Forwarded-For does not change'
      : 'sees only the proxy: every client shares its one budget',
    async () => {
      for (let i = 0; i < 10; i++) expect(await attempt(proxy.url, A), `attempt ${i + 1} of A`).toBe(REFUSED);
      expect(await attempt(proxy.url, A)).toBe(LIMITED);
      expect(await attempt(proxy.url, B)).toBe(perClient ? REFUSED : LIMITED);
      // A claims to be someone else: the proxy appends what it saw, and one trusted hop reads only that
      expect(await attempt(proxy.url, A, '198.51.100.23')).toBe(LIMITED);
    },
  );

  it('logs the address the rate limit keyed on', async () => {
    // a stopped server has written every line it had
    await server.stop();
    const expected = perClient ? [...Array(11).fill(A), B, A] : Array(13).fill('127.0.0.1');
    expect(loggedAddresses(server)).toEqual(expected);
  });
});
