import type { Clock } from '../clock.ts';
import type { Db, DialectName } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { fieldsOf } from '../lib/health-fields.ts';
import {
  insertRow,
  listForUser,
  lockForUser,
  updateForUser,
  type HealthRow,
} from '../repositories/health-data.repository.ts';
import type { KindDescriptor } from '../repositories/health-kinds.ts';
import type { DataCipher } from '../lib/data-encryption.ts';
import { keysetPage } from '../lib/keyset-cursor.ts';

/** What the health-data use cases need from the running server. */
export interface HealthDeps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  cipher: DataCipher;
}

type Input = Record<string, unknown>;

/** An ISO time as stored: UTC with milliseconds, so that text order is time order on both databases. */
function normaliseTime(value: string, path: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw errors.validation('The request is not valid.', [{ path, message: 'must be a valid time' }]);
  return date.toISOString();
}

/** API fields → columns for the fields present in the input; null clears, absent leaves alone. */
function toColumns(kind: KindDescriptor, input: Input): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = input[field.api];
    if (value === undefined) continue;
    if (value === null) out[field.column] = null;
    else if (field.codec === 'time') out[field.column] = normaliseTime(String(value), `/${field.api}`);
    else if (field.codec === 'json') out[field.column] = JSON.stringify(value);
    else out[field.column] = value;
  }
  return out;
}

function assertRules(kind: KindDescriptor, item: Input): void {
  const problems = kind.check?.(item) ?? [];
  if (problems.length > 0) throw errors.validation('The request body is not valid.', problems);
}

/** A linked intervention deleted between the ownership check and the write reads as a bad reference. */
function foreignKeyProblem(err: unknown, input: Input): unknown {
  const code = (err as { code?: string }).code;
  if ((code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') && typeof input.interventionId === 'string') {
    return errors.validation('The request body is not valid.', [
      { path: '/interventionId', message: 'is not one of your interventions' },
    ]);
  }
  return err;
}

/** Creates one item of a kind for its owner, after the kind's own rules and ownership checks. */
export async function createHealthItem(
  deps: HealthDeps,
  kind: KindDescriptor,
  userId: string,
  input: Input,
): Promise<HealthRow> {
  const now = deps.clock.now();
  const id = newId(now);
  assertRules(kind, input);
  const columns = {
    ...toColumns(kind, input),
    ...(await kind.prepare?.(input, { db: deps.db, userId, id, cipher: deps.cipher })),
  };
  const stamp = now.toISOString();
  let row: HealthRow;
  try {
    row = await insertRow(deps.db, kind, { ...columns, id, user_id: userId, created_at: stamp, updated_at: stamp });
  } catch (err) {
    throw foreignKeyProblem(err, input);
  }
  return row;
}

/**
 * Partial update: fields sent replace, null clears optional ones; the result obeys the same rules as a create.
 * The rules read the stored row, so the read, the check and the write are one transaction on a locked row:
 * two concurrent PATCHes, each valid alone, cannot together break a rule such as endedOn ≥ startedOn.
 */
export async function updateHealthItem(
  deps: HealthDeps,
  kind: KindDescriptor,
  userId: string,
  id: string,
  input: Input,
): Promise<HealthRow> {
  try {
    return await deps.db.transaction().execute((trx) => updateLocked({ ...deps, db: trx }, kind, userId, id, input));
  } catch (err) {
    throw foreignKeyProblem(err, input);
  }
}

/** The body of updateHealthItem, inside its transaction (`deps.db` is the transaction). */
async function updateLocked(
  deps: HealthDeps,
  kind: KindDescriptor,
  userId: string,
  id: string,
  input: Input,
): Promise<HealthRow> {
  const existing = await lockForUser(deps.db, deps.dialect, kind, userId, id);
  if (!existing) throw errors.notFound(kind.name);
  assertRules(kind, { ...fieldsOf(kind, existing), ...input });
  const columns = {
    ...toColumns(kind, input),
    ...(await kind.prepare?.(input, { db: deps.db, userId, id, cipher: deps.cipher })),
  };
  if (Object.keys(columns).length === 0) return existing;
  const row = await updateForUser(deps.db, kind, userId, id, {
    ...columns,
    updated_at: deps.clock.now().toISOString(),
  });
  if (!row) throw errors.notFound(kind.name);
  return row;
}

export interface ListQuery {
  cursor?: string;
  limit?: number;
  from?: string;
  to?: string;
}

/** One page, newest first, filtered on the kind's date field (both bounds inclusive). */
export async function listHealthItems(
  deps: HealthDeps,
  kind: KindDescriptor,
  userId: string,
  q: ListQuery,
): Promise<{ rows: HealthRow[]; nextCursor: string | null }> {
  const bound = (v: string | undefined, name: string) =>
    v === undefined || kind.date.type === 'date' ? v : normaliseTime(v, `querystring:/${name}`);
  const from = bound(q.from, 'from');
  const to = bound(q.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw errors.validation('The querystring is not valid.', [
      { path: 'querystring:/to', message: 'must not be before from' },
    ]);
  }
  const { rows, nextCursor } = await keysetPage(
    q,
    (after, limit) => listForUser(deps.db, kind, userId, { from, to, after, limit, order: 'desc' }),
    (row) => String(row[kind.date.column]),
  );
  return { rows, nextCursor };
}
