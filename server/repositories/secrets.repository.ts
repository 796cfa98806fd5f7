import type { Db, DialectName } from '../db/database.ts';
import { dialect } from '../db/dialect.ts';

/**
 * Reads a server-wide secret, creating it on first use. When several processes start at
 * once, the insert that loses the race does nothing and everyone reads the winner's value.
 */
export async function getOrCreateSecret(db: Db, name: string, generate: () => string, now: string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: generate(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

/**
 * One secret's row, or undefined. With `lockFor`, inside a transaction, the row stays locked
 * until the transaction ends (PostgreSQL; SQLite's transactions run one at a time anyway), so a
 * read-modify-write of the value cannot lose a concurrent one.
 */
export async function findSecret(db: Db, name: string, lockFor?: DialectName) {
  const query = db.selectFrom('server_secrets').select(['value', 'created_at']).where('name', '=', name);
  return (lockFor ? dialect.forUpdate(query, lockFor) : query).executeTakeFirst();
}

/** Inserts a secret unless one of that name exists; false when another process got there first. */
export async function insertSecretIfAbsent(db: Db, name: string, value: string, now: string): Promise<boolean> {
  const res = await db
    .insertInto('server_secrets')
    .values({ name, value, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Replaces a secret's value (a key set sealed again after a rotation). */
export async function updateSecret(db: Db, name: string, value: string): Promise<void> {
  await db.updateTable('server_secrets').set({ value }).where('name', '=', name).execute();
}

export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.deleteFrom('server_secrets').where('name', '=', name).execute();
}
