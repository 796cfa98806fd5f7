import type { HealthRow } from '../repositories/health-data.repository.ts';
import type { KindDescriptor } from '../repositories/health-kinds.ts';

/**
 * A health row's described fields under their API names, decoded (JSON columns parsed): what
 * a kind's rules check and what its presenter shows. Columns that are not described (user_id,
 * encrypted tokens) are never read, so they cannot leak.
 */
export function fieldsOf(kind: Pick<KindDescriptor, 'fields'>, row: HealthRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = row[field.column];
    if (value === null || value === undefined) fields[field.api] = null;
    else if (field.codec === 'json') fields[field.api] = JSON.parse(String(value));
    else fields[field.api] = value;
  }
  return fields;
}
