import { sql, type Kysely, type CreateTableBuilder } from 'kysely';

/** Adds the common id/user columns of a per-user data table; the row is the user's data, so it cascades. */
function userData<T extends string>(t: CreateTableBuilder<T, never>) {
  return t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'));
}

function stamps<T extends string>(t: CreateTableBuilder<T, never>) {
  return t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** The whole first schema, identical on SQLite and PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('email_key', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'user')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
    // invites are revoked, never deleted, so no foreign key is needed (and none can be: invites refer to users)
    .addColumn('invite_id', 'text')
    .addColumn('invited_by_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('users_invite_id').on('users').column('invite_id').execute();
  await db.schema.createIndex('users_invited_by_id').on('users').column('invited_by_id').execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('max_uses', 'integer')
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('invites_created_at').on('invites').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('identities_provider_subject', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('identities_user_id').on('identities').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('user_agent', 'text')
    .addColumn('limited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('refresh_tokens_session_id').on('refresh_tokens').column('session_id').execute();

  await db.schema
    .createTable('health_records')
    .$call(userData)
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .$call(stamps)
    .execute();
  await db.schema
    .createIndex('health_records_user_time')
    .on('health_records')
    .columns(['user_id', 'recorded_at', 'id'])
    .execute();

  await db.schema
    .createTable('check_ins')
    .$call(userData)
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('mood', 'integer')
    .addColumn('energy', 'integer')
    .addColumn('sleep_hours', 'double precision')
    .addColumn('notes', 'text')
    .$call(stamps)
    .execute();
  await db.schema.createIndex('check_ins_user_date').on('check_ins').columns(['user_id', 'date', 'id']).execute();

  await db.schema
    .createTable('interventions')
    .$call(userData)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dose', 'text')
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('notes', 'text')
    .$call(stamps)
    .execute();
  await db.schema
    .createIndex('interventions_user_started')
    .on('interventions')
    .columns(['user_id', 'started_on', 'id'])
    .execute();

  await db.schema
    .createTable('observations')
    .$call(userData)
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('intervention_id', 'text', (c) => c.references('interventions.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .$call(stamps)
    .execute();
  await db.schema
    .createIndex('observations_user_time')
    .on('observations')
    .columns(['user_id', 'observed_at', 'id'])
    .execute();
  await db.schema.createIndex('observations_intervention').on('observations').column('intervention_id').execute();

  await db.schema
    .createTable('lab_results')
    .$call(userData)
    .addColumn('collected_on', 'text', (c) => c.notNull())
    .addColumn('analyte', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('reference_low', 'double precision')
    .addColumn('reference_high', 'double precision')
    .addColumn('lab', 'text')
    .addColumn('notes', 'text')
    .$call(stamps)
    .execute();
  await db.schema
    .createIndex('lab_results_user_collected')
    .on('lab_results')
    .columns(['user_id', 'collected_on', 'id'])
    .execute();

  await db.schema
    .createTable('integrations')
    .$call(userData)
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('access_token_enc', 'text', (c) => c.notNull())
    .addColumn('refresh_token_enc', 'text')
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .$call(stamps)
    .execute();
  await db.schema
    .createIndex('integrations_user')
    .on('integrations')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('exports')
    .$call(userData)
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exports_user').on('exports').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // the admin's record outlives the admin: keep the event, forget the link
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').column('actor_id').execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
