import type { KindSchemas } from '../../contract/health.ts';
import { fieldsOf } from '../health/health-fields.ts';
import type { HealthRow, KindDescriptor, KindItem } from '../health/kind.ts';

/**
 * A health row → its API item, field by field from the kind's descriptor: columns that are
 * not described (user_id, encrypted tokens) cannot leak, whichever way the item is sent
 * (JSON response, export document or CSV).
 */
export function presentHealthItem<S extends KindSchemas>(kind: KindDescriptor<S>, row: HealthRow): KindItem<S> {
  const item = { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, ...fieldsOf(kind, row) };
  // The stamps and the described fields are the item's fields; `present` adds the derived ones.
  return (kind.present ? { ...item, ...kind.present(row) } : item) as KindItem<S>;
}
