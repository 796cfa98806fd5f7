import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Db } from './database.ts';
import type { DB } from './schema.ts';

/**
 * How a database handle runs a prepared read without Kysely's executor: the statement is prepared
 * once per connection by the driver itself (better-sqlite3's Statement, a named `pg` statement),
 * and only the parameters travel on each call. database.ts attaches one to every handle it opens.
 */
export interface DirectReads {
  /** the rows of one SELECT, its parameters bound positionally; synchronous when the driver is */
  read(sql: string, parameters: readonly unknown[]): unknown[] | Promise<unknown[]>;
}

const directReads = new WeakMap<object, DirectReads>();

/**
 * Lets `db` — a plain handle, never a transaction — run prepared reads directly. A transaction
 * is another object, so a prepared query given one still runs through Kysely on that
 * transaction's connection and sees its writes.
 */
export function readDirectly(db: Kysely<DB>, reads: DirectReads): void {
  directReads.set(db, reads);
}

interface Shape {
  sql: string;
  order: number[];
}

/**
 * A query built and compiled once per dialect, then run with new parameters. For the few
 * queries on every request's path (loading the actor, a page of a list), where building and
 * compiling the Kysely query costs as much as running it, and where the database would parse
 * and plan the same text each time: on a handle with direct reads the driver prepares it once
 * per connection. The builder must use each parameter exactly as a bound value; the compiled
 * SQL's parameters are matched back to them by identity.
 */
export function prepared<P extends unknown[], R>(
  build: (db: Db, ...params: P) => Compilable<R>,
): (db: Db, ...params: P) => Promise<R[]> {
  const compiled = new WeakMap<object, Shape>();
  const shapeOf = (db: Db, adapter: object, count: number): Shape => {
    let shape = compiled.get(adapter);
    if (!shape) {
      const sentinels = Array.from({ length: count }, (_, i) => `\u0000prepared-parameter-${i}\u0000`);
      const query = build(db, ...(sentinels as P)).compile();
      const order = query.parameters.map((p) => sentinels.indexOf(p as string));
      if (order.some((i) => i < 0)) throw new Error('prepared(): every bound value must be one of the parameters');
      shape = { sql: query.sql, order };
      compiled.set(adapter, shape);
    }
    return shape;
  };
  return async (db, ...params) => {
    const adapter = db.getExecutor().adapter;
    const shape = shapeOf(db, adapter, params.length);
    const values = shape.order.map((i) => params[i]);
    const direct = directReads.get(db);
    if (direct) return (await direct.read(shape.sql, values)) as R[];
    const result = await db.executeQuery<R>(CompiledQuery.raw(shape.sql, values));
    return result.rows;
  };
}
