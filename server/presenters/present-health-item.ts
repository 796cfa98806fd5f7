import type { HealthRow } from '../repositories/health-data.repository.ts';
import type { KindDescriptor } from '../repositories/health-kinds.ts';
import { fieldsOf } from '../lib/health-fields.ts';

/**
 * A health row → its API item, field by field from the kind's descriptor: columns that are
 * not described (user_id, encrypted tokens) cannot leak, whichever way the item is sent
 * (JSON response, export document or CSV).
 */
export function presentHealthItem(kind: KindDescriptor, row: HealthRow): Record<string, unknown> {
  const item = { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, ...fieldsOf(kind, row) };
  return kind.present ? { ...item, ...kind.present(row) } : item;
}
