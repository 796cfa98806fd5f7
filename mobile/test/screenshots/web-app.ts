import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { expoEnv, runExpo } from '../../../scripts/expo.ts';

/**
 * The app's web build, served the way a phone would reach the server: one origin that serves
 * the exported app (mobile/ `expo export --platform web`) and passes /api/*, /healthz, /readyz
 * and /.well-known/* through to a real Baseline server — so the app in Chromium talks to the
 * server over real HTTP with no CORS in the way, as the iOS app does.
 */

/** Bundles the app for the web into `outDir` (a single-page app: index.html and one script). */
export async function exportWeb(outDir: string): Promise<void> {
  await runExpo(['export', '--platform', 'web', '--output-dir', outDir], { env: expoEnv() });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
};

const TO_SERVER = /^\/(api\/|healthz$|readyz$|\.well-known\/)/;

/** A running origin: the exported app plus the server behind it. */
export interface WebApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port`; static files from `distDir` with the single-page fallback
 * (any other path is index.html, where expo-router reads the URL), the rest to `serverUrl`.
 */
export function serveWebApp(distDir: string, serverUrl: string, port: number): Promise<WebApp> {
  const target = new URL(serverUrl);
  const root = normalize(distDir) + sep;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const pathname = new URL(path, 'http://app').pathname;
    if (TO_SERVER.test(pathname)) {
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`the Baseline server did not answer: ${err.message}`);
      });
      req.pipe(upstream);
      return;
    }
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
