import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  /** "user:<id>", "invite:<id>" …: ids only, never names, so a deleted user leaves nothing personal here */
  target: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log; call it inside the transaction of the action it records. */
export async function recordAudit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(now),
      at: now.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** The audit log newest first, with the acting admin's current username (null once deleted). */
export async function listAudit(db: Db, o: { after?: { key: string; id: string }; limit: number }) {
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select('u.username as actor_username');
  if (o.after) {
    const { key, id } = o.after;
    q = q.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(key, id)));
  }
  return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(o.limit).execute();
}
