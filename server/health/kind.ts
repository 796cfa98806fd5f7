import type { Static } from '@sinclair/typebox';
import type { KindSchemas } from '../../contract/health.ts';

/** The per-user data tables of the health domain (each has id, user_id, created_at, updated_at). */
export type HealthTable =
  'health_records' | 'check_ins' | 'interventions' | 'observations' | 'lab_results' | 'integrations';

/** A row of any health table, seen generically: the common columns plus the kind's own. */
export type HealthRow = { id: string; user_id: string; created_at: string; updated_at: string } & Record<
  string,
  unknown
>;

/** The body of a create request of a kind, as its schema lets it in. */
export type CreateInput<S extends KindSchemas> = Static<S['create']>;
/** The body of a patch request: every field optional, optional fields nullable. */
export type PatchInput<S extends KindSchemas> = Static<S['patch']>;
/** The list query of a kind: cursor, limit and the `from`/`to` bounds on its date field. */
export type KindQuery<S extends KindSchemas> = Static<S['query']>;
/** One item as the API returns it. */
export type KindItem<S extends KindSchemas> = Static<S['item']>;
/** The name of a field of a kind's items. */
export type ItemField<S extends KindSchemas> = keyof KindItem<S> & string;
/** The name of a field a client may write (write-only ones included). */
export type WritableField<S extends KindSchemas> = keyof PatchInput<S> & string;

/** One API field ↔ one column. `time` values are normalised to UTC ISO text; `json` is stored as JSON text. */
export interface FieldMap<Api extends string = string> {
  api: Api;
  column: string;
  codec?: 'time' | 'json';
}

/** One problem of a validation_failed answer, as JSON Pointer and words. */
export type FieldError = { path: string; message: string };

/** A field that must name one of the owner's own items of another kind (checked in SQL, owner included). */
export interface Reference<Api extends string = string> {
  field: Api;
  table: HealthTable;
  message: string;
}

/**
 * A write-only secret: encrypted at rest under the data key (bound to its row and column), never
 * returned; `hintColumn` keeps its last 4 characters so a person can tell secrets apart.
 */
export interface Secret<Api extends string = string> {
  field: Api;
  column: 'access_token_enc' | 'refresh_token_enc';
  hintColumn?: string;
}

/**
 * Everything the generic repository, service, routes and export need to know about one kind,
 * typed from its schemas: a descriptor that names a field its schemas lack does not compile.
 * The CRUD is written once against this description; a kind adds only what is its own, as data
 * (references, secrets) or as a pure rule (`check`).
 */
export interface KindDescriptor<S extends KindSchemas = KindSchemas> {
  /** singular, for "No such check-in." */
  name: string;
  /** route path under /api/v1 */
  path: string;
  /** key of the export document and base name of the ZIP's CSV file */
  exportKey: string;
  table: HealthTable;
  /** the field that lists sort on and that `from`/`to` filter */
  date: FieldMap<ItemField<S>> & { type: 'time' | 'date' };
  /** readable and writable fields (the date field included) */
  fields: readonly FieldMap<ItemField<S> & WritableField<S>>[];
  schemas: S;
  /** rules across fields, checked on the item as it would be after the write */
  check?(item: PatchInput<S>): FieldError[];
  /** fields that must point at the owner's own items */
  references?: readonly Reference<WritableField<S>>[];
  /** write-only fields stored encrypted */
  secrets?: readonly Secret<WritableField<S>>[];
  /** API fields derived from columns that are not plain fields */
  present?(row: HealthRow): Partial<KindItem<S>>;
}

/** Declares a kind with its schemas' types inferred, so the descriptor is checked against them. */
export function defineKind<S extends KindSchemas>(kind: KindDescriptor<S>): KindDescriptor<S> {
  return kind;
}

/** A field map, shorter to write. */
export const field = <Api extends string>(api: Api, column: string, codec?: FieldMap['codec']): FieldMap<Api> => ({
  api,
  column,
  codec,
});
