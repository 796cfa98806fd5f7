import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export const dbKind = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

export interface TestDatabase {
  url: string;
  database: Database;
  /** closes the handle and removes the database (file or PostgreSQL database) */
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh, migrated database of the project's kind: a temp SQLite file, or a PostgreSQL clone of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (dbKind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    return {
      url,
      database,
      drop: async () => {
        await database.db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `baseline_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = '/' + name;
  const url = u.toString();
  // files that never go into the database (the generated encryption key) get a folder of their own
  const dataDir = mkdtempSync(join(tmpdir(), 'baseline-test-data-'));
  const database = { ...openDatabase(url, { poolSize: 20 }), dataDir };
  return {
    url,
    database,
    drop: async () => {
      await database.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A database with nothing in it, not even Kysely's tables, and how to remove it. */
export interface EmptyTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty, unmigrated database of the project's kind, for what happens before the first migration
 * (processes starting together on it): a SQLite path whose file does not exist yet, or a PostgreSQL
 * database made from template0. Nothing holds it open; whoever opens it closes it before `drop`.
 */
export async function createEmptyTestDatabase(): Promise<EmptyTestDatabase> {
  if (dbKind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-test-empty-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `baseline_e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
