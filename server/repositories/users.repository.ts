import { sql, type Selectable } from 'kysely';
import type { Db, DialectName } from '../db/database.ts';
import { dialect } from '../db/dialect.ts';
import type { UsersTable } from '../db/schema.ts';

export type UserRow = Selectable<UsersTable>;

/** Every column of users, each named once: the compiler refuses a missing or an unknown one. */
const userColumnSet: Record<keyof UserRow, true> = {
  id: true,
  username: true,
  username_key: true,
  email: true,
  email_key: true,
  password_hash: true,
  role: true,
  status: true,
  invite_id: true,
  invited_by_id: true,
  created_at: true,
  updated_at: true,
  last_login_at: true,
};

/**
 * The users columns by name, for prepared statements that read whole rows: a listed column set
 * keeps a prepared statement's result type when a later migration adds a column (`*` would not).
 */
export const USER_COLUMNS = Object.keys(userColumnSet) as (keyof UserRow)[];

/** Usernames and emails compare case-insensitively through these keys. */
export const usernameKey = (username: string) => username.toLowerCase();
export const emailKey = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  id: string;
  username: string;
  email: string | null;
  passwordHash: string | null;
  role: 'admin' | 'user';
  inviteId: string | null;
  invitedById: string | null;
  now: string;
}

export async function insertUser(db: Db, u: NewUser): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      username_key: usernameKey(u.username),
      email: u.email,
      email_key: u.email ? emailKey(u.email) : null,
      password_hash: u.passwordHash,
      role: u.role,
      status: 'active',
      invite_id: u.inviteId,
      invited_by_id: u.invitedById,
      created_at: u.now,
      updated_at: u.now,
      last_login_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * findUserById for a write that depends on the account's status: on PostgreSQL the row stays
 * locked until the transaction ends, so a disable made at the same moment waits for it, or is
 * seen by it (dialect.forUpdate).
 */
export async function findUserByIdForUpdate(db: Db, id: string, name: DialectName): Promise<UserRow | undefined> {
  return dialect.forUpdate(db.selectFrom('users').selectAll().where('id', '=', id), name).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username_key', '=', usernameKey(username)).executeTakeFirst();
}

/** The login form takes a username or an email in the same field. */
export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  const key = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username_key', '=', key), eb('email_key', '=', key)]))
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
  return row !== undefined;
}

export async function emailOwner(db: Db, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('id').where('email_key', '=', emailKey(email)).executeTakeFirst();
  return row?.id;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(
  db: Db,
  id: string,
  changes: { email?: string | null; passwordHash?: string; role?: 'admin' | 'user'; status?: 'active' | 'disabled' },
  now: string,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({
      ...(changes.email !== undefined
        ? { email: changes.email, email_key: changes.email ? emailKey(changes.email) : null }
        : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function recordLogin(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
}

/**
 * An admin's view of users: the user row plus who invited them and with which invite. The page
 * is chosen first from users alone — filters, username order, limit — which migration 009's
 * users_list index covers (and, on PostgreSQL, its trigram indexes for a search), so a search that
 * matches few of many users reads an index rather than every row; then only the rows of the page
 * are read whole and joined.
 */
export async function listUsers(
  db: Db,
  o: {
    q?: string;
    role?: 'admin' | 'user';
    status?: 'active' | 'disabled';
    after?: { key: string; id: string };
    limit: number;
  },
) {
  let page = db.selectFrom('users').select(['id', 'username_key']);
  if (o.q) {
    // username_key and email_key are lower case already, so LIKE on them is case-insensitive on both databases
    const pattern = `%${o.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    page = page.where((eb) =>
      eb.or([
        eb('username_key', 'like', sql<string>`${pattern} escape '\\'`),
        eb('email_key', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  if (o.role) page = page.where('role', '=', o.role);
  if (o.status) page = page.where('status', '=', o.status);
  if (o.after) {
    const { key, id } = o.after;
    page = page.where((eb) => eb(eb.refTuple('username_key', 'id'), '>', eb.tuple(key, id)));
  }
  return (
    db
      .selectFrom(page.orderBy('username_key').orderBy('id').limit(o.limit).as('page'))
      .innerJoin('users as u', 'u.id', 'page.id')
      .leftJoin('users as inviter', 'inviter.id', 'u.invited_by_id')
      .leftJoin('invites as inv', 'inv.id', 'u.invite_id')
      .selectAll('u')
      .select(['inviter.username as inviter_username', 'inv.label as invite_label', 'inv.id as invite_ref'])
      // the page's own order, not u's: ordered by u, SQLite walked all of users to merge the page in
      .orderBy('page.username_key')
      .orderBy('page.id')
      .execute()
  );
}

export async function findAdminUser(db: Db, id: string) {
  return adminUserQuery(db).where('u.id', '=', id).executeTakeFirst();
}

function adminUserQuery(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('users as inviter', 'inviter.id', 'u.invited_by_id')
    .leftJoin('invites as inv', 'inv.id', 'u.invite_id')
    .selectAll('u')
    .select(['inviter.username as inviter_username', 'inv.label as invite_label', 'inv.id as invite_ref']);
}

export type AdminUserRow = NonNullable<Awaited<ReturnType<typeof findAdminUser>>>;

export async function deleteUserRow(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Who registered with an invite, in order of registration. */
export async function usersOfInvite(db: Db, inviteId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'created_at'])
    .where('invite_id', '=', inviteId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
