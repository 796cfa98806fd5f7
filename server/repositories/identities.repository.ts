import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { IdentitiesTable } from '../db/schema.ts';

export type IdentityRow = Selectable<IdentitiesTable>;
export type IdentityProviderName = IdentitiesTable['provider'];

/** The account a provider identity signs in to: (provider, sub) is the only key, never the email. */
export async function findIdentity(
  db: Db,
  provider: IdentityProviderName,
  subject: string,
): Promise<IdentityRow | undefined> {
  return db
    .selectFrom('identities')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** A user's linked identities, for the "never leave an account without a way in" check. */
export async function listIdentitiesOfUser(db: Db, userId: string): Promise<IdentityRow[]> {
  return db.selectFrom('identities').selectAll().where('user_id', '=', userId).orderBy('provider').execute();
}

/** The unique (provider, subject) constraint rejects a second link of the same identity, even in a race. */
export async function insertIdentity(db: Db, row: IdentityRow): Promise<void> {
  await db.insertInto('identities').values(row).execute();
}

/** Unlinks one provider from one user; returns how many rows went (0 when it was not linked). */
export async function deleteIdentitiesOfProvider(
  db: Db,
  userId: string,
  provider: IdentityProviderName,
): Promise<number> {
  const res = await db
    .deleteFrom('identities')
    .where('user_id', '=', userId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
