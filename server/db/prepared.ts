import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './database.ts';

/**
 * A query built and compiled once per dialect, then run with new parameters. For the few
 * queries on every request's path (loading the actor), where building and compiling the
 * Kysely query costs as much as running it. The builder must use each parameter exactly as
 * a bound value; the compiled SQL's parameters are matched back to them by identity.
 */
export function prepared<P extends string[], R>(
  build: (db: Db, ...params: P) => Compilable<R>,
): (db: Db, ...params: P) => Promise<R[]> {
  const compiled = new WeakMap<object, { sql: string; order: number[] }>();
  return async (db, ...params) => {
    const adapter = db.getExecutor().adapter;
    let shape = compiled.get(adapter);
    if (!shape) {
      const sentinels = params.map((_, i) => `\u0000prepared-parameter-${i}\u0000`) as P;
      const query = build(db, ...sentinels).compile();
      const order = query.parameters.map((p) => sentinels.indexOf(p as string));
      if (order.some((i) => i < 0)) throw new Error('prepared(): every bound value must be one of the parameters');
      shape = { sql: query.sql, order };
      compiled.set(adapter, shape);
    }
    const result = await db.executeQuery<R>(
      CompiledQuery.raw(
        shape.sql,
        shape.order.map((i) => params[i]),
      ),
    );
    return result.rows;
  };
}
