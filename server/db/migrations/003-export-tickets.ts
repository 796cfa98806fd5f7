import { sql, type Kysely } from 'kysely';

/**
 * One-time download tickets for exports: the browser downloads to disk through a plain link,
 * which cannot carry an Authorization header, so a short-lived single-use ticket in the URL
 * stands in for it. Only the ticket's SHA-256 is stored; the row is the user's, so it cascades.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ticket_hash', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('json', 'zip')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('export_tickets_user_id').on('export_tickets').column('user_id').execute();
}
