import type { Kysely } from 'kysely';
import type { Db, DialectName } from '../db/database.ts';
import { dialect } from '../db/dialect.ts';
import { prepared } from '../db/prepared.ts';
import type { HealthRow, HealthTable } from './kind.ts';

/**
 * Every query of the six health-data tables, written once. Each function takes the owner's id
 * and puts it in the SQL, so a handler cannot forget the ownership filter: another user's row
 * is simply not found.
 */

/** What the queries need of a kind: its table and the column its lists sort on. */
export interface TableOf {
  table: HealthTable;
  date: { column: string };
}

type GenericDB = Record<HealthTable, HealthRow>;

/**
 * The generic view of the database. The tables' precise types live in db/schema.ts; here the
 * column names come from the kind descriptors (checked by the tests of every kind), so the
 * handle is seen through one index-signature table type.
 */
function generic(db: Db): Kysely<GenericDB> {
  return db as unknown as Kysely<GenericDB>;
}

/** Keyset position: the date field's value and the id of the last row seen. */
export interface Position {
  key: string;
  id: string;
}

/** A page request: inclusive bounds on the date field, a keyset position, a size and a direction. */
export interface ListOptions {
  from?: string;
  to?: string;
  after?: Position;
  limit: number;
  /** lists are newest first; the export reads oldest first */
  order: 'asc' | 'desc';
}

/** The query of one page: a table, its sort column, which bounds it has, and its direction. */
type PageQuery = (
  db: Db,
  userId: string,
  from: string,
  to: string,
  key: string,
  id: string,
  limit: number,
) => Promise<HealthRow[]>;

const pageQueries = new Map<string, PageQuery>();

/**
 * The prepared query of one shape of page (kind, bounds present, after a position or not,
 * direction): each list request is then one prepared statement, built and compiled once. A
 * bound that a shape does not have is still a parameter of its function, and not used.
 */
function pageQuery(kind: TableOf, shape: { from: boolean; to: boolean; after: boolean; order: 'asc' | 'desc' }) {
  const name = `${kind.table}:${kind.date.column}:${+shape.from}${+shape.to}${+shape.after}:${shape.order}`;
  let query = pageQueries.get(name);
  if (!query) {
    const col = kind.date.column;
    query = prepared((db: Db, userId: string, from: string, to: string, key: string, id: string, limit: number) => {
      let q = generic(db).selectFrom(kind.table).selectAll().where('user_id', '=', userId);
      if (shape.from) q = q.where(col, '>=', from);
      if (shape.to) q = q.where(col, '<=', to);
      if (shape.after)
        q = q.where((eb) => eb(eb.refTuple(col, 'id'), shape.order === 'asc' ? '>' : '<', eb.tuple(key, id)));
      return q.orderBy(col, shape.order).orderBy('id', shape.order).limit(limit).$castTo<HealthRow>();
    });
    pageQueries.set(name, query);
  }
  return query;
}

/** One page of a user's rows of a kind, ordered by (date field, id), after a keyset position. */
export async function listForUser(db: Db, kind: TableOf, userId: string, o: ListOptions): Promise<HealthRow[]> {
  const shape = { from: o.from !== undefined, to: o.to !== undefined, after: o.after !== undefined, order: o.order };
  return pageQuery(kind, shape)(db, userId, o.from ?? '', o.to ?? '', o.after?.key ?? '', o.after?.id ?? '', o.limit);
}

/** One of the user's rows by id; undefined for a row of anyone else, so callers answer 404 alike. */
export async function findForUser(db: Db, kind: TableOf, userId: string, id: string): Promise<HealthRow | undefined> {
  return generic(db)
    .selectFrom(kind.table)
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .$castTo<HealthRow>()
    .executeTakeFirst();
}

/**
 * One of the user's rows, locked until the transaction ends: an update whose rules depend on the
 * stored values (endedOn ≥ startedOn) reads them here, so two concurrent updates cannot both pass.
 */
export async function lockForUser(
  trx: Db,
  name: DialectName,
  kind: TableOf,
  userId: string,
  id: string,
): Promise<HealthRow | undefined> {
  const query = generic(trx).selectFrom(kind.table).selectAll().where('id', '=', id).where('user_id', '=', userId);
  return dialect.forUpdate(query, name).$castTo<HealthRow>().executeTakeFirst();
}

/** Whether the owner has a row of this id in a table: references to another person's rows read as unknown. */
export async function ownsRow(db: Db, table: HealthTable, userId: string, id: string): Promise<boolean> {
  const row = await generic(db)
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a row built by the service (which sets user_id from the actor, never from input). */
export async function insertRow(db: Db, kind: TableOf, row: HealthRow): Promise<HealthRow> {
  return generic(db).insertInto(kind.table).values(row).returningAll().$castTo<HealthRow>().executeTakeFirstOrThrow();
}

/** Updates one of the user's rows; undefined when it is not theirs (or gone). */
export async function updateForUser(
  db: Db,
  kind: TableOf,
  userId: string,
  id: string,
  set: Record<string, unknown>,
): Promise<HealthRow | undefined> {
  return generic(db)
    .updateTable(kind.table)
    .set(set)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .$castTo<HealthRow>()
    .executeTakeFirst();
}

/** Deletes one of the user's rows; false when it is not theirs (or gone). */
export async function deleteForUser(db: Db, kind: TableOf, userId: string, id: string): Promise<boolean> {
  const res = await generic(db)
    .deleteFrom(kind.table)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/**
 * Deletes up to `limit` of the user's rows of one table and says how many went: account
 * deletion on SQLite removes a person's rows a slice at a time, inside its one transaction (see
 * services/delete-account.service.ts).
 */
export async function deleteSomeOfUser(db: Db, table: HealthTable, userId: string, limit: number): Promise<number> {
  const res = await generic(db)
    .deleteFrom(table)
    .where('id', 'in', (eb) => eb.selectFrom(table).select('id').where('user_id', '=', userId).limit(limit))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A page of every integration's encrypted columns (all users), for re-encryption under a new key. */
export async function listIntegrationSecrets(db: Db, afterId: string | null, limit: number) {
  let q = db.selectFrom('integrations').select(['id', 'access_token_enc', 'refresh_token_enc']);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** Replaces one integration's encrypted columns (key rotation only; the API writes them through the kind). */
export async function setIntegrationSecrets(
  db: Db,
  id: string,
  accessTokenEnc: string,
  refreshTokenEnc: string | null,
): Promise<void> {
  await db
    .updateTable('integrations')
    .set({ access_token_enc: accessTokenEnc, refresh_token_enc: refreshTokenEnc })
    .where('id', '=', id)
    .execute();
}
