import type { Db, DialectName } from '../db/database.ts';
import { dialect } from '../db/dialect.ts';

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

/**
 * Replaces a secret's value only if it still holds `expected`: one statement, so when several
 * processes adopt the same plain row at once exactly one wins (false for the others).
 */
export async function replaceSecretIf(db: Db, name: string, expected: string, value: string): Promise<boolean> {
  const res = await db
    .updateTable('server_secrets')
    .set({ value })
    .where('name', '=', name)
    .where('value', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.deleteFrom('server_secrets').where('name', '=', name).execute();
}

/** Every secret's name and sealed value: `baseline doctor` compares the key ids they were sealed with to the key in use. */
export async function listSecrets(db: Db): Promise<{ name: string; value: string }[]> {
  return db.selectFrom('server_secrets').select(['name', 'value']).orderBy('name').execute();
}
