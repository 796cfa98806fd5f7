import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ExportTicketsTable } from '../db/schema.ts';

export type ExportTicketRow = Selectable<ExportTicketsTable>;

/** Stores a new ticket (its hash), and drops the user's tickets that can no longer be used, so the table stays small. */
export async function insertExportTicket(db: Db, row: Omit<ExportTicketRow, 'used_at'>): Promise<void> {
  await db
    .deleteFrom('export_tickets')
    .where('user_id', '=', row.user_id)
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', row.created_at)]))
    .execute();
  await db
    .insertInto('export_tickets')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Spends a ticket in one conditional UPDATE: of two requests racing with the same ticket only
 * one gets its owner and format back; a spent, expired or unknown ticket gives undefined.
 */
export async function spendExportTicket(
  db: Db,
  ticketHash: string,
  now: string,
): Promise<Pick<ExportTicketRow, 'user_id' | 'format'> | undefined> {
  return db
    .updateTable('export_tickets')
    .set({ used_at: now })
    .where('ticket_hash', '=', ticketHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'format'])
    .executeTakeFirst();
}
