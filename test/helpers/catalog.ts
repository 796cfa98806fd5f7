import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import type { DialectName } from '../../server/db/database.ts';

export interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
  onDelete: 'CASCADE' | 'SET NULL' | string;
}

/** Every foreign key of the schema, read from the database's own catalogue (not from our code). */
export async function foreignKeys(db: Kysely<DB>, dialect: DialectName): Promise<ForeignKey[]> {
  if (dialect === 'sqlite') {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
      db,
    );
    const result: ForeignKey[] = [];
    for (const { name } of tables.rows) {
      const fks = await sql<{
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }>`select * from pragma_foreign_key_list(${name})`.execute(db);
      for (const fk of fks.rows)
        result.push({ table: name, column: fk.from, refTable: fk.table, refColumn: fk.to, onDelete: fk.on_delete });
    }
    return result;
  }
  const rows = await sql<ForeignKey>`
    select kcu.table_name as "table", kcu.column_name as "column", ccu.table_name as "refTable", ccu.column_name as "refColumn", rc.delete_rule as "onDelete"
    from information_schema.referential_constraints rc
    join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.constraint_name and ccu.constraint_schema = rc.constraint_schema
    where rc.constraint_schema = current_schema()`.execute(db);
  return rows.rows;
}

/** All tables of the schema (without the migration bookkeeping). */
export async function tableNames(db: Kysely<DB>, dialect: DialectName): Promise<string[]> {
  const q =
    dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`
      : sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'`;
  return (await q.execute(db)).rows.map((r) => r.name).sort();
}

/** The primary-key column of a table: `id`, except for the tables keyed by a hash. */
export function keyOf(table: string): string {
  return (
    ({ provider_nonces: 'nonce_hash', used_id_tokens: 'token_key', login_failures: 'key' } as const)[
      table as 'provider_nonces'
    ] ?? 'id'
  );
}

/**
 * The rows that belong to a user: following ON DELETE CASCADE edges from users transitively
 * (sessions → refresh tokens …). Returns table → ids. Rows merely pointing at the user through
 * SET NULL edges (audit events they made, invites they created) are not theirs.
 */
export async function ownedRows(db: Kysely<DB>, fks: ForeignKey[], userId: string): Promise<Map<string, string[]>> {
  const owned = new Map<string, string[]>([['users', [userId]]]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const fk of fks) {
      if (fk.onDelete.toUpperCase() !== 'CASCADE') continue;
      const parentIds = owned.get(fk.refTable);
      if (!parentIds?.length) continue;
      const rows = await sql<{
        id: string;
      }>`select ${sql.ref(keyOf(fk.table))} as id from ${sql.table(fk.table)} where ${sql.ref(fk.column)} in (${sql.join(parentIds)})`.execute(
        db,
      );
      const known = new Set(owned.get(fk.table) ?? []);
      const fresh = rows.rows.map((r) => r.id).filter((id) => !known.has(id));
      if (fresh.length) {
        owned.set(fk.table, [...known, ...fresh]);
        changed = true;
      }
    }
  }
  return owned;
}
