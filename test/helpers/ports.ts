import { createServer } from 'node:net';

/**
 * A local port that nothing listens on now: where a test server will listen, an OpenID issuer
 * whose redirect must name it first, or a PostgreSQL that is down.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
