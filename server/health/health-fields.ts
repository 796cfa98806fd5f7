import type { KindSchemas } from '../../contract/health.ts';
import { errors } from '../errors.ts';
import type { HealthRow, KindDescriptor, PatchInput } from './kind.ts';

/** Any kind's input or fields, seen by name: the schemas have checked each value's type already. */
type Values = Readonly<Record<string, unknown>>;

/**
 * A health row's described fields under their API names, decoded (JSON columns parsed): what
 * a kind's rules check and what its presenter shows. Columns that are not described (user_id,
 * encrypted tokens) are never read, so they cannot leak.
 */
export function fieldsOf<S extends KindSchemas>(
  kind: Pick<KindDescriptor<S>, 'fields'>,
  row: HealthRow,
): PatchInput<S> {
  const fields: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = row[field.column];
    if (value === null || value === undefined) fields[field.api] = null;
    else if (field.codec === 'json') fields[field.api] = JSON.parse(String(value));
    else fields[field.api] = value;
  }
  // The columns hold only what the kind's schemas let in, so the decoded fields have their types.
  return fields as PatchInput<S>;
}

/** An ISO time as stored: UTC with milliseconds, so that text order is time order on both databases. */
export function normaliseTime(value: string, path: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw errors.validation('The request is not valid.', [{ path, message: 'must be a valid time' }]);
  return date.toISOString();
}

/** API fields → columns for the fields present in the input; null clears, absent leaves alone. */
export function toColumns<S extends KindSchemas>(
  kind: KindDescriptor<S>,
  input: PatchInput<S>,
): Record<string, unknown> {
  const values: Values = input;
  const out: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = values[field.api];
    if (value === undefined) continue;
    if (value === null) out[field.column] = null;
    else if (field.codec === 'time') out[field.column] = normaliseTime(String(value), `/${field.api}`);
    else if (field.codec === 'json') out[field.column] = JSON.stringify(value);
    else out[field.column] = value;
  }
  return out;
}

/** The value of one named input field (a reference or a secret), if the input carries it. */
export function valueOf<S extends KindSchemas>(input: PatchInput<S>, name: string): unknown {
  const values: Values = input;
  return values[name];
}
