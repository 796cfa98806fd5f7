import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { cleanLogDir } from './log-capture.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * For the PostgreSQL project: one migrated template database per run, from which each test
 * file clones its own fresh database in milliseconds (CREATE DATABASE … TEMPLATE). Dropped after.
 * For every project: test-results/logs/ emptied, so the run's logs and secrets are this run's only.
 */
export default async function setup(project: TestProject) {
  cleanLogDir();
  if (process.env.TEST_DB !== 'postgres' && project.config.env?.TEST_DB !== 'postgres') {
    project.provide('pgTemplate', '');
    return;
  }
  const adminUrl =
    (project.config.env?.TEST_POSTGRES_URL as string | undefined) ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `baseline_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const url = new URL(adminUrl);
  url.pathname = '/' + template;
  const database = openDatabase(url.toString(), { poolSize: 1 });
  await migrateToLatest(database.db);
  await database.db.destroy();
  project.provide('pgTemplate', template);
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}
