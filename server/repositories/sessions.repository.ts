import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { RefreshTokensTable, SessionsTable } from '../db/schema.ts';
import { USER_COLUMNS, type UserRow } from './users.repository.ts';

export type SessionRow = Selectable<SessionsTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;

export async function insertSession(db: Db, s: Omit<SessionRow, 'ended_at'>): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...s, ended_at: null })
    .execute();
}

export async function insertRefreshToken(db: Db, t: Omit<RefreshTokenRow, 'used_at'>): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ ...t, used_at: null })
    .execute();
}

/** A refresh token with its session, found by the token's hash (the token itself is never stored). */
export async function findRefreshToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens as t')
    .innerJoin('sessions as s', 's.id', 't.session_id')
    .select([
      't.id',
      't.session_id',
      't.expires_at',
      't.used_at',
      's.user_id',
      's.ended_at as session_ended_at',
      's.signed_in_at',
      's.user_agent',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** How and when a session began (reauthentication.policy.ts asks for a recent provider sign-in). */
export async function findSessionSignIn(db: Db, id: string) {
  return db.selectFrom('sessions').select(['signed_in_at', 'sign_in_method']).where('id', '=', id).executeTakeFirst();
}

/** Spends a refresh token; false when another request spent it first (that is a reuse). */
export async function spendRefreshToken(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('refresh_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function touchSession(db: Db, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_used_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function endSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

/** Ends one of the user's own sessions; false when it is not theirs or not open. */
export async function endSessionOfUser(db: Db, userId: string, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Stops every refresh token of a user (used when an account is disabled): the tokens are
 * deleted, not marked spent, so a later attempt reads as "unknown" rather than as theft. The
 * sessions live on only as long as an access token already issued, with what the account's
 * status allows on each request.
 */
export async function revokeRefreshTokensOfUser(db: Db, userId: string, accessTokenEnd: string): Promise<void> {
  await db
    .deleteFrom('refresh_tokens')
    .where('session_id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('user_id', '=', userId))
    .execute();
  await db
    .updateTable('sessions')
    .set({ expires_at: accessTokenEnd })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', accessTokenEnd)
    .execute();
}

/** Sessions a person can see: open and not expired, most recently used first. */
export async function listOpenSessions(db: Db, userId: string, now: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The actor of an authenticated request, in one statement: the user's current row (role and
 * status as they are now) joined with the token's session, which must still be open and
 * unexpired (its expires_at is the earlier of the absolute and the idle end, see
 * sessions.service.ts), and with the user's linked identities — one row per identity, or one
 * row with a null provider — so that GET /me needs no second query. Prepared: on a plain
 * handle, the driver parses it once per connection.
 */
const actorQuery = prepared((db: Db, userId: string, sessionId: string, now: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('identities as i', 'i.user_id', 'u.id')
    .select(USER_COLUMNS.map((column) => `u.${column}` as const))
    .select(['s.id as session_id', 'i.provider as provider'])
    .where('s.id', '=', sessionId)
    .where('s.user_id', '=', userId)
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now)
    .orderBy('i.provider'),
);

/** Who holds a session, as read for one request. */
export interface ActorRecord {
  user: UserRow;
  sessionId: string;
  /** how the account can sign in: 'password' when it has one, then its linked providers by name (as authMethodsOf) */
  authMethods: string[];
}

/**
 * The user, session and sign-in methods behind an access token's claims, or undefined when the
 * session has ended, expired, or is not that user's. `now` is the request's time (ISO): a
 * session past its expires_at has ended even if no one ended it.
 */
export async function loadActor(
  db: Db,
  userId: string,
  sessionId: string,
  now: string,
): Promise<ActorRecord | undefined> {
  const rows = await actorQuery(db, userId, sessionId, now);
  const first = rows[0];
  if (!first) return undefined;
  const user = {} as Record<keyof UserRow, unknown>;
  for (const column of USER_COLUMNS) user[column] = first[column];
  const authMethods: string[] = first.password_hash ? ['password'] : [];
  for (const row of rows) if (row.provider !== null) authMethods.push(row.provider);
  return { user: user as UserRow, sessionId: first.session_id, authMethods };
}

/** loadActor as one row: the user's columns and the session's id (the Google link flow reads it again). */
export async function findActor(
  db: Db,
  userId: string,
  sessionId: string,
  now: string,
): Promise<(UserRow & { session_id: string }) | undefined> {
  const actor = await loadActor(db, userId, sessionId, now);
  return actor && { ...actor.user, session_id: actor.sessionId };
}

/** Ends every open session of a user, but the one to keep if given (a password change keeps the current one). */
export async function endSessionsOfUser(db: Db, userId: string, now: string, keepSessionId?: string): Promise<void> {
  let q = db.updateTable('sessions').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}
