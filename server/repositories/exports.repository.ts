import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ExportsTable } from '../db/schema.ts';

export type ExportRow = Selectable<ExportsTable>;

/** Records one finished export in the owner's history. */
export async function insertExport(db: Db, row: ExportRow): Promise<void> {
  await db.insertInto('exports').values(row).execute();
}

/** A user's export history, newest first. Small by nature: one row per export a person asked for. */
export async function listExportsForUser(db: Db, userId: string): Promise<ExportRow[]> {
  return db
    .selectFrom('exports')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
