import 'dotenv/config';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { DatabaseNewerThanCodeError, migrateToLatest } from './db/migrate.ts';
import { setupLink } from './services/setup.service.ts';
import { watchConnections } from './shutdown.ts';

/** Starts Baseline: config → database → migrations → app → listen; SIGTERM drains and exits 0. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    // a newer version's database is not a connection problem: its message says what to do, alone
    if (err instanceof DatabaseNewerThanCodeError) console.error(err.message);
    else console.error(`Cannot open the database (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { app, ctx } = await buildApp({ config, database, webRoot: config.webRoot });
  const connections = watchConnections(app.server);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await connections.drain();
    await app.close();
    await database.db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const link = await setupLink(ctx, ctx.db);
  if (link) {
    // Printed, not logged: the link is a one-time secret for the person starting the server.
    const token = new URL(link).searchParams.get('token');
    console.log(`\nNo account exists yet. Create the first admin account here:\n\n  ${link}\n`);
    console.log(
      `or through the API:\n\n  curl ${config.publicUrl}/api/v1/setup -H 'content-type: application/json' \\\n    -d '{"setupToken":"${token}","username":"admin","password":"<a long passphrase>"}'\n`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
