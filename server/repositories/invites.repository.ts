import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { InvitesTable } from '../db/schema.ts';

export type InviteRow = Selectable<InvitesTable>;

export async function findInviteByCode(db: Db, normalizedCode: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('code', '=', normalizedCode).executeTakeFirst();
}

export async function findInviteById(db: Db, id: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Counts one use only if the invite is still usable at this instant. A single conditional
 * UPDATE: PostgreSQL re-checks the WHERE on the locked row after a concurrent writer commits,
 * SQLite runs writers one at a time, so max_uses cannot be overshot on either.
 */
export async function countInviteUse(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('invites')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
