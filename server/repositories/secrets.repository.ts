import type { Db } from '../db/database.ts';

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

export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.deleteFrom('server_secrets').where('name', '=', name).execute();
}
