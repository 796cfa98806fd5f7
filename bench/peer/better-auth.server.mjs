/* global process, console */
/**
 * The peer's server, run by bench/peer/better-auth.ts in a child process of its own
 * (`node better-auth.server.mjs`, NODE_ENV=production) so that the suite can sample its CPU
 * and memory apart from ours. Plain JavaScript because it runs on bare `node`, importing the
 * Better Auth installed under the OS temp folder (BA_INSTALL_DIR), never our node_modules.
 *
 * Better Auth's documented Node setup: `betterAuth({...})` behind `toNodeHandler(auth)` on a
 * plain node:http server, a better-sqlite3 Database handed to it as `database`, its schema
 * created by its own `getMigrations(options).runMigrations()` (what `auth migrate` runs).
 * Its configuration is the default one but for two settings:
 * - emailAndPassword enabled (off by default; it is the flow being measured), with its default
 *   password hashing (scrypt from @better-auth/utils), neither weakened nor strengthened;
 * - rateLimit disabled: on by default in production (and /sign-in/email is held to 3 requests
 *   per 10 s), it would measure 429s. Ours is measured with RATE_LIMITS=off as well.
 * Session cookie caching stays at its default (off), so get-session reads the database on
 * every request, as ours does.
 *
 * Environment: BA_INSTALL_DIR (the peer's install folder), BA_SQLITE_MODULE (absolute path of
 * our better-sqlite3, see better-auth.install.ts for why), BA_DB_FILE (a fresh SQLite file),
 * BETTER_AUTH_SECRET. Prints {"port": n} on stdout once it answers; SIGTERM, or the end of
 * stdin (the parent gone), closes it.
 */
import { rmdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { BA_INSTALL_DIR, BA_SQLITE_MODULE, BA_DB_FILE } = process.env;
if (!BA_INSTALL_DIR || !BA_SQLITE_MODULE || !BA_DB_FILE) {
  throw new Error('BA_INSTALL_DIR, BA_SQLITE_MODULE and BA_DB_FILE are required');
}

const peerRequire = createRequire(join(BA_INSTALL_DIR, 'package.json'));
/** @param {string} specifier */
const importPeer = (specifier) => import(pathToFileURL(peerRequire.resolve(specifier)).href);

const { betterAuth } = await importPeer('better-auth');
const { toNodeHandler } = await importPeer('better-auth/node');
const { getMigrations } = await importPeer('better-auth/db/migration');
const Database = createRequire(import.meta.url)(BA_SQLITE_MODULE);

// listen first: the base URL (which Better Auth wants in production) needs the port
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');

const database = new Database(BA_DB_FILE);
const options = {
  baseURL: `http://127.0.0.1:${address.port}`,
  database,
  emailAndPassword: { enabled: true },
  rateLimit: { enabled: false },
};
const auth = betterAuth(options);
const { runMigrations } = await getMigrations(options);
await runMigrations();

server.on('request', toNodeHandler(auth));
console.log(JSON.stringify({ port: address.port }));

const shutdown = () => {
  server.closeAllConnections();
  server.close(() => {
    database.close();
    // the database and its folder go with us, even when the parent died before its stop()
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${BA_DB_FILE}${suffix}`, { force: true });
    try {
      rmdirSync(dirname(BA_DB_FILE));
    } catch {
      // not empty or already gone: the parent's stop() removes it
    }
    process.exit(0);
  });
};
process.on('SIGTERM', shutdown);
// the parent holds our stdin open: if it dies without stopping us, we do not linger as an orphan
process.stdin.on('end', shutdown).resume();
