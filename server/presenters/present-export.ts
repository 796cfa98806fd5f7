import type { ExportItem } from '../../contract/health.ts';
import type { ExportRow } from '../repositories/exports.repository.ts';

/** The export-history API item; `bytes` is bigint in PostgreSQL and arrives as text there. */
export function presentExport(row: ExportRow): ExportItem {
  return { id: row.id, createdAt: row.created_at, format: row.format, bytes: Number(row.bytes) };
}
