import type { Kysely } from 'kysely';

/**
 * What stops a Google or Apple ID token from being played twice. `provider_nonces`: the
 * single-use nonces of POST /auth/nonce, stored as their SHA-256 only, so a database dump
 * cannot spend one; `user_id` is the account a link nonce (POST /me/identities/nonce) was issued
 * to, null for a sign-in nonce of POST /auth/nonce. `used_id_tokens`: the ID tokens already accepted, kept until they expire.
 * Both live in the database so that every server process sees them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_nonces')
    .addColumn('nonce_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('provider_nonces_expires_at').on('provider_nonces').column('expires_at').execute();
  await db.schema
    .createTable('used_id_tokens')
    .addColumn('token_key', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_id_tokens_expires_at').on('used_id_tokens').column('expires_at').execute();
}
