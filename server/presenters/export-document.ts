import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { AnyKind } from '../health/health-kinds.ts';
import type { HealthRow } from '../health/kind.ts';
import type { ExportRow } from '../repositories/exports.repository.ts';
import type { UserRow } from '../repositories/users.repository.ts';
import { presentExport } from './present-export.ts';
import { presentHealthItem } from './present-health-item.ts';
import { presentUser } from './present-user.ts';

/**
 * The export as files: the JSON document of API.md, or a ZIP of CSVs. Items are written by the
 * API's own presenters, so an export shows exactly what the API shows (integration tokens can
 * never appear). The rows arrive in batches from the export service, read only when the
 * writer reaches them, so memory stays flat.
 */

/** One kind of health data and its rows, oldest first, as lazily read batches. */
export interface ExportSection {
  kind: AnyKind;
  batches: () => AsyncIterable<HealthRow[]>;
}

/** What an export holds, as rows. */
export interface ExportContents {
  exportedAt: string;
  user: UserRow;
  authMethods: string[];
  /** the history before this export */
  history: ExportRow[];
  sections: ExportSection[];
}

/** The export document of API.md, one item per line, produced as the client reads it. */
export async function* jsonDocument(c: ExportContents): AsyncGenerator<Buffer> {
  const user = presentUser(c.user, c.authMethods);
  yield Buffer.from(
    `{"format":"baseline-export","version":1,"exportedAt":${JSON.stringify(c.exportedAt)},\n"user":${JSON.stringify(user)}`,
  );
  for (const { kind, batches } of c.sections) {
    yield Buffer.from(`,\n${JSON.stringify(kind.exportKey)}:[`);
    let separator = '\n';
    for await (const rows of batches()) {
      yield Buffer.from(separator + rows.map((row) => JSON.stringify(presentHealthItem(kind, row))).join(',\n'));
      separator = ',\n';
    }
    yield Buffer.from(separator === '\n' ? ']' : '\n]');
  }
  yield Buffer.from(`,\n"exports":${JSON.stringify(c.history.map(presentExport))}}\n`);
}

const csvOptions = (columns: string[], header: boolean) => ({
  columns,
  header,
  cast: { object: (v: object) => JSON.stringify(v) },
});

/** One kind as CSV: a header line from the item schema, then each item; nested JSON is written as JSON text. */
async function* csvOf({ kind, batches }: ExportSection): AsyncGenerator<Buffer> {
  const columns = Object.keys(kind.schemas.item.properties);
  yield Buffer.from(stringify([], csvOptions(columns, true)));
  for await (const rows of batches()) {
    yield Buffer.from(
      stringify(
        rows.map((row) => presentHealthItem(kind, row)),
        csvOptions(columns, false),
      ),
    );
  }
}

/** A ZIP of user.json and one CSV per kind (plus the export history), each file produced when the archive reaches it. */
export function zipArchive(c: ExportContents): Readable {
  const zip = new yazl.ZipFile();
  const mtime = new Date(c.exportedAt);
  const user = presentUser(c.user, c.authMethods);
  zip.addBuffer(Buffer.from(JSON.stringify(user, null, 2) + '\n'), 'user.json', { mtime });
  for (const section of c.sections) {
    zip.addReadStreamLazy(`${section.kind.path.slice(1)}.csv`, { mtime }, (cb) =>
      cb(null, Readable.from(csvOf(section), { objectMode: false })),
    );
  }
  zip.addBuffer(
    Buffer.from(stringify(c.history.map(presentExport), csvOptions(['id', 'createdAt', 'format', 'bytes'], true))),
    'exports.csv',
    { mtime },
  );
  zip.end();
  const out = zip.outputStream as Readable;
  zip.on('error', (err: Error) => out.destroy(err));
  return out;
}

/** The export in the format asked for, as one byte stream. */
export function writeExport(contents: ExportContents, format: 'json' | 'zip'): Readable {
  return format === 'zip' ? zipArchive(contents) : Readable.from(jsonDocument(contents), { objectMode: false });
}
