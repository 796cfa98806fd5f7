import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/** The one database handle type repositories accept: a plain handle or a transaction, so calls compose. */
export type Db = Kysely<DB> | Transaction<DB>;

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** folder for files that must never live in the database (the data encryption key) */
  dataDir: string;
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a
 * small indexed SELECT. Queries repeat (one SQL text per repository function), so prepared
 * statements are kept in a small LRU keyed by their SQL text.
 *
 * Kysely begins a transaction with a plain (deferred) `begin`. A deferred transaction that has
 * read and then writes while another process (the command-line tool, a second server) holds the
 * write lock fails at once with SQLITE_BUSY: SQLite waits out busy_timeout only for a transaction
 * that holds no read lock yet. Every transaction of this server writes, so each takes the write
 * lock when it begins (`begin immediate`), where the busy timeout applies.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const sql = text === 'begin' ? 'begin immediate' : text;
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

/**
 * Opens the database named by DATABASE_URL: embedded SQLite (WAL, foreign keys on,
 * a busy timeout so several processes can share the file) or a PostgreSQL pool.
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const inMemory = file === ':memory:';
    const path = inMemory ? file : resolve(file);
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    return {
      db: new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
      dialect: 'sqlite',
      dataDir: inMemory ? resolve('data') : dirname(path),
    };
  }
  // a connection, or a free slot of the pool, that does not come in 10 s fails the request (503
  // service_unavailable) rather than leaving it waiting for as long as PostgreSQL is away
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => {});
  // nor may a checked-out client's: pg-pool listens only while a client is idle, and a terminated
  // backend can report after its query failed (the socket's end), or to the next request that took
  // the client, which then crashed the process. The client is then unqueryable and pg-pool drops
  // it on release; the request sees its query fail (503, plugins/errors.plugin.ts).
  pool.on('connect', (client) => client.on('error', () => {}));
  return {
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    dataDir: resolve('data'),
  };
}
