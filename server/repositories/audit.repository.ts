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
