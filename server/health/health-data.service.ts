import type { KindSchemas } from '../../contract/health.ts';
import type { Clock } from '../clock.ts';
import type { Db, DialectName } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { DataCipher } from '../lib/data-encryption.ts';
import { keysetPage } from '../lib/keyset-cursor.ts';
import { fieldsOf, normaliseTime, toColumns, valueOf } from './health-fields.ts';
import { insertRow, listForUser, lockForUser, ownsRow, updateForUser } from './health-data.repository.ts';
import type { CreateInput, HealthRow, KindDescriptor, KindQuery, PatchInput } from './kind.ts';
import { secretColumns } from './secrets.ts';

/** What the health-data use cases need from the running server. */
export interface HealthDeps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  cipher: DataCipher;
}

function assertRules<S extends KindSchemas>(kind: KindDescriptor<S>, item: PatchInput<S>): void {
  const problems = kind.check?.(item) ?? [];
  if (problems.length > 0) throw errors.validation('The request body is not valid.', problems);
}

/** The kind's references that the input sets, each checked to name one of the owner's own rows. */
async function assertReferences<S extends KindSchemas>(
  db: Db,
  kind: KindDescriptor<S>,
  userId: string,
  input: PatchInput<S>,
): Promise<void> {
  for (const ref of kind.references ?? []) {
    const id = valueOf(input, ref.field);
    if (typeof id === 'string' && !(await ownsRow(db, ref.table, userId, id)))
      throw errors.validation('The request body is not valid.', [{ path: `/${ref.field}`, message: ref.message }]);
  }
}

/** A referenced row deleted between the ownership check and the write reads as a bad reference. */
function foreignKeyProblem<S extends KindSchemas>(err: unknown, kind: KindDescriptor<S>, input: PatchInput<S>) {
  const code = (err as { code?: string }).code;
  if (code !== '23503' && code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') return err;
  const ref = kind.references?.find((r) => typeof valueOf(input, r.field) === 'string');
  return ref
    ? errors.validation('The request body is not valid.', [{ path: `/${ref.field}`, message: ref.message }])
    : err;
}

/** The columns one write sets: the plain fields, then the kind's secrets, encrypted for this row. */
function columnsOf<S extends KindSchemas>(
  deps: HealthDeps,
  kind: KindDescriptor<S>,
  id: string,
  input: PatchInput<S>,
): Record<string, unknown> {
  return { ...toColumns(kind, input), ...secretColumns(kind, deps.cipher, id, input) };
}

/** Creates one item of a kind for its owner, after the kind's own rules and ownership checks. */
export async function createHealthItem<S extends KindSchemas>(
  deps: HealthDeps,
  kind: KindDescriptor<S>,
  userId: string,
  input: CreateInput<S>,
): Promise<HealthRow> {
  const now = deps.clock.now();
  const id = newId(now);
  // A create body is a patch body with the required fields present.
  const fields: PatchInput<S> = input;
  assertRules(kind, fields);
  await assertReferences(deps.db, kind, userId, fields);
  const stamp = now.toISOString();
  try {
    const columns = columnsOf(deps, kind, id, fields);
    return await insertRow(deps.db, kind, { ...columns, id, user_id: userId, created_at: stamp, updated_at: stamp });
  } catch (err) {
    throw foreignKeyProblem(err, kind, fields);
  }
}

/**
 * Partial update: fields sent replace, null clears optional ones; the result obeys the same rules as a create.
 * The rules read the stored row, so the read, the check and the write are one transaction on a locked row:
 * two concurrent PATCHes, each valid alone, cannot together break a rule such as endedOn ≥ startedOn.
 */
export async function updateHealthItem<S extends KindSchemas>(
  deps: HealthDeps,
  kind: KindDescriptor<S>,
  userId: string,
  id: string,
  input: PatchInput<S>,
): Promise<HealthRow> {
  try {
    return await deps.db.transaction().execute((trx) => updateLocked({ ...deps, db: trx }, kind, userId, id, input));
  } catch (err) {
    throw foreignKeyProblem(err, kind, input);
  }
}

/** The body of updateHealthItem, inside its transaction (`deps.db` is the transaction). */
async function updateLocked<S extends KindSchemas>(
  deps: HealthDeps,
  kind: KindDescriptor<S>,
  userId: string,
  id: string,
  input: PatchInput<S>,
): Promise<HealthRow> {
  const existing = await lockForUser(deps.db, deps.dialect, kind, userId, id);
  if (!existing) throw errors.notFound(kind.name);
  assertRules(kind, { ...fieldsOf(kind, existing), ...input });
  await assertReferences(deps.db, kind, userId, input);
  const columns = columnsOf(deps, kind, id, input);
  if (Object.keys(columns).length === 0) return existing;
  const row = await updateForUser(deps.db, kind, userId, id, {
    ...columns,
    updated_at: deps.clock.now().toISOString(),
  });
  if (!row) throw errors.notFound(kind.name);
  return row;
}

/** One page, newest first, filtered on the kind's date field (both bounds inclusive). */
export async function listHealthItems<S extends KindSchemas>(
  deps: HealthDeps,
  kind: KindDescriptor<S>,
  userId: string,
  q: KindQuery<S>,
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
  return keysetPage(
    q,
    (after, limit) => listForUser(deps.db, kind, userId, { from, to, after, limit, order: 'desc' }),
    (row) => String(row[kind.date.column]),
  );
}
