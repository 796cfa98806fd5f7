import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { IdentitiesTable } from '../db/schema.ts';
import type { UserRow } from './users.repository.ts';

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

const providersQuery = prepared((db: Db, userId: string) =>
  db.selectFrom('identities').select('provider').where('user_id', '=', userId).orderBy('provider'),
);

/** The sign-in methods of one user (every /me answer needs them, so the query is prepared once). */
export async function authMethodsOf(db: Db, user: Pick<UserRow, 'id' | 'password_hash'>): Promise<string[]> {
  const rows = await providersQuery(db, user.id);
  return [...(user.password_hash ? ['password'] : []), ...rows.map((r) => r.provider)];
}

/** The sign-in methods of several users at once (for lists): password plus linked providers. */
export async function authMethodsFor(
  db: Db,
  users: Pick<UserRow, 'id' | 'password_hash'>[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(users.map((u) => [u.id, u.password_hash ? ['password'] : []]));
  if (users.length === 0) return result;
  const rows = await db
    .selectFrom('identities')
    .select(['user_id', 'provider'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('provider')
    .execute();
  for (const r of rows) result.get(r.user_id)?.push(r.provider);
  return result;
}
