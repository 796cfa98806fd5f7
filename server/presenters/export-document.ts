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

/**
 * Most characters one piece of the byte stream is built from. V8 allocates a string or buffer
 * past 128 KiB in its large-object space, one mapping each, and such pieces cost tens of times
 * more to build than several small ones: a batch of 1,000 rows (about 250 KB of JSON) is sent
 * as pieces of about this size instead.
 */
const PIECE_CHARS = 48 * 1024;

/** Collects text and hands it out as pieces of about PIECE_CHARS characters. */
class Pieces {
  private parts: string[] = [];
  private size = 0;

  /** Adds text; returns a full piece to send when there is one. */
  add(text: string): Buffer | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= PIECE_CHARS ? this.take() : undefined;
  }

  /** What is collected so far, as one piece (empty when nothing is). */
  take(): Buffer {
    const piece = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    return piece;
  }
}

/** The export document of API.md, one item per line, produced as the client reads it. */
export async function* jsonDocument(c: ExportContents): AsyncGenerator<Buffer> {
  const user = presentUser(c.user, c.authMethods);
  const out = new Pieces();
  out.add(
    `{"format":"baseline-export","version":1,"exportedAt":${JSON.stringify(c.exportedAt)},\n"user":${JSON.stringify(user)}`,
  );
  for (const { kind, batches } of c.sections) {
    out.add(`,\n${JSON.stringify(kind.exportKey)}:[`);
    let separator = '\n';
    for await (const rows of batches()) {
      for (const row of rows) {
        const piece = out.add(separator + JSON.stringify(presentHealthItem(kind, row)));
        separator = ',\n';
        if (piece) yield piece;
      }
    }
    out.add(separator === '\n' ? ']' : '\n]');
  }
  out.add(`,\n"exports":${JSON.stringify(c.history.map(presentExport))}}\n`);
  yield out.take();
}

const csvOptions = (columns: string[], header: boolean) => ({
  columns,
  header,
  cast: { object: (v: object) => JSON.stringify(v) },
});

/** Rows per CSV piece: about 30 KB of text, well under the large-object size (see PIECE_CHARS). */
const CSV_PIECE_ROWS = 200;

/** One kind as CSV: a header line from the item schema, then each item; nested JSON is written as JSON text. */
async function* csvOf({ kind, batches }: ExportSection): AsyncGenerator<Buffer> {
  const columns = Object.keys(kind.schemas.item.properties);
  const options = csvOptions(columns, false);
  yield Buffer.from(stringify([], csvOptions(columns, true)));
  for await (const rows of batches()) {
    for (let from = 0; from < rows.length; from += CSV_PIECE_ROWS) {
      const items = rows.slice(from, from + CSV_PIECE_ROWS).map((row) => presentHealthItem(kind, row));
      yield Buffer.from(stringify(items, options));
    }
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
