import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

/**
 * The server's own OpenAPI document, built the way production builds it (on a throwaway
 * SQLite database), so the client's types can only come from what the server really serves.
 */
export async function serverOpenApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-openapi-'));
  const database = openDatabase(`sqlite:${join(dir, 'openapi.db')}`);
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      RATE_LIMITS: 'off',
      PUBLIC_URL: 'http://localhost:8080',
      SETUP_TOKEN: 'openapi-generation-token',
    });
    const { app } = await buildApp({ config, database, logger: false });
    const doc = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return doc;
  } finally {
    await database.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript text of `client/schema.d.ts` for the server as it is now. */
export async function generateSchemaSource(): Promise<string> {
  const ast = await openapiTS((await serverOpenApiDocument()) as never);
  return `/* Generated from the server's OpenAPI document by \`npm run client:types\`; do not edit. */\n\n${astToString(ast)}`;
}
