import type { Kysely } from 'kysely';

/**
 * The two references to users that had no index: invites.created_by_id (ON DELETE SET NULL) and
 * provider_nonces.user_id (ON DELETE CASCADE). Deleting an account looks up every row that
 * refers to it; without these, each deletion read the whole invites and provider_nonces tables,
 * a cost that grows with the server's history rather than with the person's data. Every other
 * reference to users (the health tables, sessions, identities, exports, export tickets, audit
 * events, inviters) already leads an index.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('invites_created_by_id').on('invites').column('created_by_id').execute();
  await db.schema.createIndex('provider_nonces_user_id').on('provider_nonces').column('user_id').execute();
}
