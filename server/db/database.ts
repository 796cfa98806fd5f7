import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { readDirectly, type DirectReads } from './prepared.ts';
import type { DB } from './schema.ts';

/** The one database handle type repositories accept: a plain handle or a transaction, so calls compose. */
export type Db = Kysely<DB> | Transaction<DB>;

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** folder for files that must never live in the database (the data encryption key) */
  dataDir: string;
  /** PostgreSQL's connection pool as it is now (metrics); absent on SQLite, which has no pool */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /**
   * Calls `listener` with the error of every query that fails, through Kysely or a prepared read
   * (the metrics count them). Returns the function that stops it.
   */
  onQueryError(listener: (err: unknown) => void): () => void;
}

/**
 * The listeners of failed queries, fed by Kysely's `log` hook (which sees every query Kysely runs,
 * transactions included) and by the prepared reads, which bypass Kysely.
 */
function queryErrorHub() {
  const listeners = new Set<(err: unknown) => void>();
  const notify = (err: unknown) => {
    for (const listener of listeners) listener(err);
  };
  return {
    log: (event: LogEvent) => {
      if (event.level === 'error') notify(event.error);
    },
    observe: (reads: DirectReads): DirectReads => ({
      read(sql, parameters) {
        try {
          const rows = reads.read(sql, parameters);
          if (rows instanceof Promise) rows.catch(notify);
          return rows;
        } catch (err) {
          notify(err);
          throw err;
        }
      },
    }),
    onQueryError(listener: (err: unknown) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
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
function withStatementCache(sqlite: SQLite.Database, reader: SQLite.Database | undefined): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      reader?.close();
      sqlite.close();
    },
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

/** A prepared SELECT on the read connection: rows come as arrays, named here by its columns. */
interface ReadStatement {
  statement: SQLite.Statement<unknown[], unknown[]>;
  columns: string[];
}

/**
 * Prepared reads (db/prepared.ts) on SQLite: a second connection to the same file, used for
 * nothing else. Kysely's one connection is held by a transaction across its awaits, so a read
 * there would queue behind it, or see its uncommitted writes; this connection reads, in WAL mode,
 * exactly what is committed at that instant, without waiting and without a promise. Each SQL
 * text is prepared once; the texts are the few prepared() queries of the code, so the map stays
 * small. Rows are read as arrays and made objects here: better-sqlite3 builds each object through
 * V8's C++ API, which took about a third of a 50-row page's time.
 */
function sqliteReads(path: string): { reads: DirectReads; connection: SQLite.Database } {
  const connection = new SQLite(path);
  connection.pragma('busy_timeout = 5000');
  connection.pragma('query_only = ON');
  const statements = new Map<string, ReadStatement>();
  const reads: DirectReads = {
    read(sql, parameters) {
      let read = statements.get(sql);
      if (!read) {
        const statement = connection.prepare<unknown[], unknown[]>(sql).raw(true);
        read = { statement, columns: statement.columns().map((c) => c.name) };
        statements.set(sql, read);
      }
      const { statement, columns } = read;
      const rows = statement.all(parameters);
      const objects: Record<string, unknown>[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const values = rows[i];
        const object: Record<string, unknown> = {};
        for (let c = 0; c < columns.length; c++) object[columns[c]] = values[c];
        objects[i] = object;
      }
      return objects;
    },
  };
  return { reads, connection };
}

/** PostgreSQL's refusal to run a prepared statement whose result columns a schema change altered. */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Prepared reads on PostgreSQL: each SQL text gets a statement name, so `pg` parses it once per
 * pooled connection and PostgreSQL plans it once rather than on every request; one pool
 * checkout per query, without Kysely's. Should another process's migration change the columns a
 * statement returns (`select *` of a table that gained one), PostgreSQL refuses the old
 * statement: the text then gets a new name, prepared afresh on each connection.
 */
function postgresReads(pool: pg.Pool): DirectReads {
  const names = new Map<string, string>();
  let made = 0;
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `baseline_prepared_${++made}`;
      names.set(text, name);
    }
    return name;
  };
  const run = async (text: string, values: unknown[]) => (await pool.query({ name: nameOf(text), text, values })).rows;
  return {
    async read(text, parameters) {
      const values = parameters as unknown[];
      try {
        return await run(text, values);
      } catch (err) {
        if ((err as { code?: string }).code !== CACHED_PLAN_CHANGED) throw err;
        names.delete(text);
        return await run(text, values);
      }
    },
  };
}

/**
 * The SQLite file DATABASE_URL names, resolved as openDatabase opens it; undefined for
 * PostgreSQL and for `sqlite::memory:`. The command line (backup, restore, doctor) asks the same.
 */
export function sqliteFilePath(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? undefined : resolve(file);
}

/**
 * The folder for files that must never live in the database (the data encryption key file): the
 * SQLite file's folder, else ./data of the working folder. Worked out without opening anything.
 */
export function dataDirFor(url: string): string {
  const file = sqliteFilePath(url);
  return file ? dirname(file) : resolve('data');
}

/**
 * Opens the database named by DATABASE_URL: embedded SQLite (WAL, foreign keys on,
 * a busy timeout so several processes can share the file) or a PostgreSQL pool.
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = sqliteFilePath(url);
    const inMemory = file === undefined;
    const path = file ?? ':memory:';
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // an in-memory database exists only on its own connection: its prepared reads go through Kysely
    const direct = inMemory ? undefined : sqliteReads(path);
    const hub = queryErrorHub();
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite, direct?.connection) }),
      log: hub.log,
    });
    if (direct) readDirectly(db, hub.observe(direct.reads));
    return {
      db,
      dialect: 'sqlite',
      dataDir: dataDirFor(url),
      onQueryError: hub.onQueryError,
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
  const hub = queryErrorHub();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: hub.log });
  readDirectly(db, hub.observe(postgresReads(pool)));
  return {
    db,
    dialect: 'postgres',
    dataDir: dataDirFor(url),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    onQueryError: hub.onQueryError,
  };
}
