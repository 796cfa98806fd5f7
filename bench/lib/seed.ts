import SQLite from 'better-sqlite3';
import pg from 'pg';

/** A column's SQL type, for PostgreSQL's unnest() casts. */
export type ColumnType = 'text' | 'integer' | 'double precision';

/** Bulk writes straight into the database under the server (the suite's fixtures; no API round trips). */
export interface BulkWriter {
  /** Inserts rows (arrays in `columns` order) in large transactions. */
  insert(table: string, columns: Record<string, ColumnType>, rows: Iterable<unknown[]>): Promise<number>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** the database's size on disk, bytes */
  size(): Promise<number>;
  close(): Promise<void>;
}

const BATCH = 5000;

/** Opens a bulk writer on `sqlite:PATH` or `postgres://…`. */
export function openBulkWriter(databaseUrl: string): BulkWriter {
  return databaseUrl.startsWith('sqlite:') ? sqliteWriter(databaseUrl.slice('sqlite:'.length)) : pgWriter(databaseUrl);
}

function sqliteWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  return {
    async insert(table, columns, rows) {
      const names = Object.keys(columns);
      const stmt = db.prepare(`insert into ${table} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`);
      let n = 0;
      let batch: unknown[][] = [];
      const flush = db.transaction((items: unknown[][]) => {
        for (const row of items) stmt.run(...row);
      });
      for (const row of rows) {
        batch.push(row);
        if (batch.length === BATCH * 4) {
          flush(batch);
          n += batch.length;
          batch = [];
        }
      }
      flush(batch);
      return n + batch.length;
    },
    async query<T>(text: string, params: unknown[] = []) {
      const stmt = db.prepare(text);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    },
    async size() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      const pages = db.pragma('page_count', { simple: true }) as number;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      return pages * pageSize;
    },
    async close() {
      db.close();
    },
  };
}

function pgWriter(url: string): BulkWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async insert(table, columns, rows) {
      await connected;
      const names = Object.keys(columns);
      const types = Object.values(columns);
      // one statement per batch: each column travels as one array parameter, unnest() turns them into rows
      const text = `insert into ${table} (${names.join(', ')}) select * from unnest(${types
        .map((t, i) => `$${i + 1}::${t}[]`)
        .join(', ')})`;
      let n = 0;
      let cols: unknown[][] = names.map(() => []);
      const flush = async () => {
        if (cols[0].length === 0) return;
        await client.query(text, cols);
        n += cols[0].length;
        cols = names.map(() => []);
      };
      await client.query('begin');
      try {
        for (const row of rows) {
          row.forEach((v, i) => cols[i].push(v));
          if (cols[0].length === BATCH) await flush();
        }
        await flush();
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
      return n;
    },
    async query<T>(text: string, params: unknown[] = []) {
      await connected;
      // the suite writes its SQL with ? placeholders; PostgreSQL numbers them
      let i = 0;
      const numbered = text.replace(/\?/g, () => `$${++i}`);
      return (await client.query(numbered, params)).rows as T[];
    },
    async size() {
      await connected;
      await client.query('checkpoint').catch(() => {});
      const [{ bytes }] = (await client.query('select pg_database_size(current_database())::bigint as bytes')).rows as {
        bytes: string;
      }[];
      return Number(bytes);
    },
    async close() {
      await connected;
      await client.end();
    },
  };
}

/** Creates a fresh PostgreSQL database for one run; returns its URL and a function that drops it. */
export async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `baseline_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
