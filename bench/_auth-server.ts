import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { newId } from '../server/ids.ts';
import { insertUser } from '../server/repositories/users.repository.ts';
import { hashPassword } from '../server/lib/passwords.ts';

/**
 * The server side of auth-throughput: in one process, a bare Fastify route and the real
 * Baseline app on embedded SQLite, so both are measured on the same process and core.
 * Prints {"bare": port, "app": port, "token": "..."} on stdout once both listen.
 */
const dir = mkdtempSync(join(tmpdir(), 'baseline-bench-'));
const config = {
  ...loadConfig({ RATE_LIMITS: 'off', LOG_LEVEL: 'silent', REQUIRE_INVITE: 'false', ACCESS_TOKEN_TTL: '1h' }),
  databaseUrl: `sqlite:${join(dir, 'bench.db')}`,
};
const database = openDatabase(config.databaseUrl);
await migrateToLatest(database.db);
const { app } = await buildApp({ config, database, logger: false });
const now = new Date().toISOString();
await insertUser(database.db, {
  id: newId(),
  username: 'bench',
  email: null,
  passwordHash: await hashPassword('bench passphrase'),
  role: 'user',
  inviteId: null,
  invitedById: null,
  now,
});
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'bench', password: 'bench passphrase' },
});
const token = (JSON.parse(login.body) as { accessToken: string }).accessToken;

const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ id: 'x', username: 'bench', role: 'user' }));

await app.listen({ port: 0, host: '127.0.0.1' });
await bare.listen({ port: 0, host: '127.0.0.1' });
console.log(
  JSON.stringify({
    bare: (bare.server.address() as AddressInfo).port,
    app: (app.server.address() as AddressInfo).port,
    token,
  }),
);

process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await database.db.destroy();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
