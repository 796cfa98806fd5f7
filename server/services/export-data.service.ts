import { Readable, Transform, pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { ExportItem } from '../../contract/health.ts';
import type { User } from '../../contract/auth.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
// The export document is the API's items written to a file, so it is built by the API's own
// presenters (integration tokens can never appear). Known layering debt (issue 10): the
// document writers belong with the presenters, fed rows by this service.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { presentExport } from '../presenters/present-export.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { presentHealthItem } from '../presenters/present-health-item.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { presentUser } from '../presenters/present-user.ts';
import { listForUser, type HealthRow, type Position } from '../repositories/health-data.repository.ts';
import { HEALTH_KINDS, type KindDescriptor } from '../repositories/health-kinds.ts';
import { insertExport, listExportsForUser } from '../repositories/exports.repository.ts';
import { findUserById } from '../repositories/users.repository.ts';
import { authMethodsOf } from '../repositories/identities.repository.ts';

/** Rows read per query: large enough to be fast, small enough that memory stays flat. */
export const EXPORT_BATCH = 1000;

export type ExportFormat = 'json' | 'zip';

/** What the route sends: a byte stream that records the export in the history once it has ended. */
export interface ExportDownload {
  stream: Readable;
  contentType: string;
  filename: string;
}

/** All of a user's rows of one kind, oldest first, one keyset page at a time: never the whole table in memory. */
async function* batchesOf(db: Db, kind: KindDescriptor, userId: string): AsyncGenerator<HealthRow[]> {
  let after: Position | undefined;
  for (;;) {
    const rows = await listForUser(db, kind, userId, { after, limit: EXPORT_BATCH, order: 'asc' });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1];
    after = { key: String(last[kind.date.column]), id: last.id };
    // SQLite answers synchronously: let other requests and timers run between batches
    await nextTurn();
  }
}

/** The export document of API.md, one item per line, produced as the client reads it. */
async function* jsonDocument(
  db: Db,
  userId: string,
  head: { exportedAt: string; user: User },
  history: ExportItem[],
): AsyncGenerator<Buffer> {
  yield Buffer.from(
    `{"format":"baseline-export","version":1,"exportedAt":${JSON.stringify(head.exportedAt)},\n"user":${JSON.stringify(head.user)}`,
  );
  for (const kind of HEALTH_KINDS) {
    yield Buffer.from(`,\n${JSON.stringify(kind.exportKey)}:[`);
    let separator = '\n';
    for await (const rows of batchesOf(db, kind, userId)) {
      yield Buffer.from(separator + rows.map((row) => JSON.stringify(presentHealthItem(kind, row))).join(',\n'));
      separator = ',\n';
    }
    yield Buffer.from(separator === '\n' ? ']' : '\n]');
  }
  yield Buffer.from(`,\n"exports":${JSON.stringify(history)}}\n`);
}

const csvOptions = (columns: string[], header: boolean) => ({
  columns,
  header,
  cast: { object: (v: object) => JSON.stringify(v) },
});

/** One kind as CSV: a header line from the item schema, then each item; nested JSON is written as JSON text. */
async function* csvOf(db: Db, kind: KindDescriptor, userId: string): AsyncGenerator<Buffer> {
  const columns = Object.keys(kind.schemas.item.properties);
  yield Buffer.from(stringify([], csvOptions(columns, true)));
  for await (const rows of batchesOf(db, kind, userId)) {
    yield Buffer.from(
      stringify(
        rows.map((row) => presentHealthItem(kind, row)),
        csvOptions(columns, false),
      ),
    );
  }
}

/** A ZIP of user.json and one CSV per kind (plus the export history), each file produced when the archive reaches it. */
function zipArchive(db: Db, userId: string, head: { exportedAt: string; user: User }, history: ExportItem[]): Readable {
  const zip = new yazl.ZipFile();
  const mtime = new Date(head.exportedAt);
  zip.addBuffer(Buffer.from(JSON.stringify(head.user, null, 2) + '\n'), 'user.json', { mtime });
  for (const kind of HEALTH_KINDS) {
    zip.addReadStreamLazy(`${kind.path.slice(1)}.csv`, { mtime }, (cb) =>
      cb(null, Readable.from(csvOf(db, kind, userId), { objectMode: false })),
    );
  }
  zip.addBuffer(
    Buffer.from(stringify(history, csvOptions(['id', 'createdAt', 'format', 'bytes'], true))),
    'exports.csv',
    { mtime },
  );
  zip.end();
  const out = zip.outputStream as Readable;
  zip.on('error', (err: Error) => out.destroy(err));
  return out;
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
  ctx: Pick<AppContext, 'db' | 'clock'>,
  userId: string,
  format: ExportFormat,
): Promise<ExportDownload> {
  const userRow = await findUserById(ctx.db, userId);
  if (!userRow) throw errors.unauthenticated();
  const now = ctx.clock.now();
  const head = { exportedAt: now.toISOString(), user: presentUser(userRow, await authMethodsOf(ctx.db, userRow)) };
  const history = (await listExportsForUser(ctx.db, userId)).map(presentExport);
  const source =
    format === 'zip'
      ? zipArchive(ctx.db, userId, head, history)
      : Readable.from(jsonDocument(ctx.db, userId, head, history), { objectMode: false });
  const stream = recordedWhenDone(source, (bytes) =>
    insertExport(ctx.db, { id: newId(now), user_id: userId, format, bytes, created_at: head.exportedAt }),
  );
  const day = head.exportedAt.slice(0, 10);
  return {
    stream,
    contentType: format === 'zip' ? 'application/zip' : 'application/json; charset=utf-8',
    filename: `baseline-export-${userRow.username}-${day}.${format}`,
  };
}
