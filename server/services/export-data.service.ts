import { type Readable, Transform, pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ExportContents } from '../presenters/export-document.ts';
import { listForUser, type Position } from '../health/health-data.repository.ts';
import { HEALTH_KINDS, type AnyKind } from '../health/health-kinds.ts';
import type { HealthRow } from '../health/kind.ts';
import { insertExport, listExportsForUser } from '../repositories/exports.repository.ts';
import { findUserById } from '../repositories/users.repository.ts';
import { authMethodsOf } from '../repositories/identities.repository.ts';

/** Rows read per query: large enough to be fast, small enough that memory stays flat. */
export const EXPORT_BATCH = 1000;

export type ExportFormat = 'json' | 'zip';

/**
 * Turns an export's rows into its bytes (presenters/export-document.ts): the route hands it
 * in, so this use case reads and records while the presenters decide what the file shows.
 */
export type ExportWriter = (contents: ExportContents, format: ExportFormat) => Readable;

/** What the route sends: a byte stream that records the export in the history once it has ended. */
export interface ExportDownload {
  stream: Readable;
  contentType: string;
  filename: string;
}

/**
 * All of a user's rows of one kind, oldest first, one keyset page at a time: never the whole
 * table in memory. The next page is asked for as soon as a page arrives, so that the database
 * reads it while this one is turned into bytes (PostgreSQL works in its own process; on SQLite
 * the query runs at once, as before). At most two pages are held.
 */
async function* batchesOf(db: Db, kind: AnyKind, userId: string): AsyncGenerator<HealthRow[]> {
  const page = (after?: Position) => {
    const rows = listForUser(db, kind, userId, { after, limit: EXPORT_BATCH, order: 'asc' });
    // a page asked for ahead and then not awaited (the client went away) must not fail the process
    rows.catch(() => {});
    return rows;
  };
  let next = page();
  for (;;) {
    const rows = await next;
    const last = rows[rows.length - 1];
    if (rows.length === EXPORT_BATCH) next = page({ key: String(last[kind.date.column]), id: last.id });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH) return;
    // SQLite answers synchronously: let other requests and timers run between batches
    await nextTurn();
  }
}

/**
 * Counts the bytes that pass and, when the source has ended, records the export in the
 * history before the last byte leaves: an export the client did not receive whole (an
 * aborted download, a database error) is not recorded.
 */
function recordedWhenDone(source: Readable, record: (bytes: number) => Promise<void>): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      record(bytes).then(() => done(), done);
    },
  });
  pipeline(source, counter, () => {
    // errors reach the response through `counter`; nothing else to do here
  });
  return counter;
}

/**
 * Starts a streamed export of everything a user has. Rows are read in keyset pages while the
 * client reads, so memory stays flat however much data there is. Integration secrets cannot
 * appear: items are built by the same presenter as the API, which never maps token columns.
 */
export async function startExport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'metrics'>,
  userId: string,
  format: ExportFormat,
  write: ExportWriter,
): Promise<ExportDownload> {
  const userRow = await findUserById(ctx.db, userId);
  if (!userRow) throw errors.unauthenticated();
  const now = ctx.clock.now();
  const exportedAt = now.toISOString();
  const source = write(
    {
      exportedAt,
      user: userRow,
      authMethods: await authMethodsOf(ctx.db, userRow),
      history: await listExportsForUser(ctx.db, userId),
      sections: HEALTH_KINDS.map((kind) => ({ kind, batches: () => batchesOf(ctx.db, kind, userId) })),
    },
    format,
  );
  const stream = recordedWhenDone(source, async (bytes) => {
    await insertExport(ctx.db, { id: newId(now), user_id: userId, format, bytes, created_at: exportedAt });
    ctx.metrics.exports.inc({ format });
    ctx.metrics.exportBytes.inc({ format }, bytes);
  });
  const day = exportedAt.slice(0, 10);
  return {
    stream,
    contentType: format === 'zip' ? 'application/zip' : 'application/json; charset=utf-8',
    filename: `baseline-export-${userRow.username}-${day}.${format}`,
  };
}
