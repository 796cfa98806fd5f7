import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB, InvitesTable } from '../db/schema.ts';

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

export async function insertInvite(db: Db, row: InviteRow): Promise<InviteRow> {
  return db.insertInto('invites').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Marks an invite revoked; revoking again changes nothing (the first time is kept). */
export async function revokeInvite(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export type InviteStateFilter = 'active' | 'expired' | 'exhausted' | 'revoked';

/**
 * Invites newest first, optionally in one state, after a keyset position (created_at, id).
 * The state conditions mirror inviteState(): revoked > expired > exhausted > active.
 */
export async function listInvites(
  db: Db,
  o: { state?: InviteStateFilter; now: string; after?: { key: string; id: string }; limit: number },
) {
  let q = db
    .selectFrom('invites as i')
    .leftJoin('users as c', 'c.id', 'i.created_by_id')
    .selectAll('i')
    .select(['c.username as created_by_username']);
  const notExpired = (eb: ExpressionBuilder<DB & { i: InvitesTable }, 'i'>) =>
    eb.or([eb('i.expires_at', 'is', null), eb('i.expires_at', '>', o.now)]);
  switch (o.state) {
    case 'revoked':
      q = q.where('i.revoked_at', 'is not', null);
      break;
    case 'expired':
      q = q.where('i.revoked_at', 'is', null).where('i.expires_at', '<=', o.now);
      break;
    case 'exhausted':
      q = q
        .where('i.revoked_at', 'is', null)
        .where(notExpired)
        .where('i.max_uses', 'is not', null)
        .where((eb) => eb('i.uses', '>=', eb.ref('i.max_uses')));
      break;
    case 'active':
      q = q
        .where('i.revoked_at', 'is', null)
        .where(notExpired)
        .where((eb) => eb.or([eb('i.max_uses', 'is', null), eb('i.uses', '<', eb.ref('i.max_uses'))]));
      break;
  }
  if (o.after) {
    const { key, id } = o.after;
    q = q.where((eb) => eb(eb.refTuple('i.created_at', 'i.id'), '<', eb.tuple(key, id)));
  }
  return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(o.limit).execute();
}

export async function findInviteWithCreator(db: Db, id: string) {
  return db
    .selectFrom('invites as i')
    .leftJoin('users as c', 'c.id', 'i.created_by_id')
    .selectAll('i')
    .select(['c.username as created_by_username'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}
