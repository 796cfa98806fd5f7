import {
  Type,
  type Static,
  type TArray,
  type TNull,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TString,
  type TUnion,
} from '@sinclair/typebox';
import { Id, IsoDate, IsoTime, ListQuery, Nullable, Page, Str } from './common.ts';

/**
 * The six kinds of health data of API.md. Each kind is written once as its fields; the create
 * body, patch body, item and list query are derived from them, so the four can never disagree.
 */

/** Free text without NUL characters: PostgreSQL text columns cannot store them. */
export const Text = (maxLength: number, minLength = 0) => Str({ minLength, maxLength });

/** Notes of any item: long enough for a paragraph or two. */
const Notes = Text(10_000);

/** Largest serialized `data` of a health record, in UTF-8 bytes. */
export const HEALTH_RECORD_DATA_MAX_BYTES = 64 * 1024;

/** The closed list of intervention kinds of API.md; clients show them as a picker. */
export const InterventionKind = Type.Union([
  Type.Literal('supplement'),
  Type.Literal('medication'),
  Type.Literal('habit'),
  Type.Literal('diet'),
  Type.Literal('other'),
]);

/** No properties: the default of a kind's optional field groups. */
type None = Record<never, never>;

/** A kind's fields: those the client must send, those it may send (null clears them), and write-only ones. */
interface FieldSet<
  R extends TProperties,
  O extends TProperties,
  WR extends TProperties = None,
  WO extends TProperties = None,
  RO extends TProperties = None,
> {
  required: R;
  optional: O;
  /** accepted on write, never returned (integration tokens) */
  writeOnlyRequired?: WR;
  writeOnlyOptional?: WO;
  /** returned only (derived by the server) */
  readOnly?: RO;
}

/** Each property may also be null. */
type NullableAll<P extends TProperties> = { [K in keyof P]: TUnion<[P[K], TNull]> };
/** Each property may be absent. */
type OptionalAll<P extends TProperties> = { [K in keyof P]: TOptional<P[K]> };

const stamps = { id: Id, createdAt: IsoTime, updatedAt: IsoTime };

function nullableAll<P extends TProperties>(props: P): NullableAll<P> {
  return Object.fromEntries(Object.entries(props).map(([k, s]) => [k, Nullable(s)])) as NullableAll<P>;
}

function optionalAll<P extends TProperties>(props: P): OptionalAll<P> {
  return Object.fromEntries(Object.entries(props).map(([k, s]) => [k, Type.Optional(s)])) as OptionalAll<P>;
}

/**
 * The schemas of one kind: create and patch bodies, the item, a page of items and the list query.
 * The server's generic health stack is typed from these (`Static<S['create']>` …), so a kind's
 * descriptor that names a field its schemas lack does not compile.
 */
export interface KindSchemas {
  create: TObject;
  patch: TObject;
  item: TObject;
  page: TSchema;
  query: KindQuerySchema;
}

/** The list query, the same for every kind: cursor, limit and bounds on the kind's date field. */
export type KindQuerySchema = TObject<typeof ListQuery & { from: TOptional<TString>; to: TOptional<TString> }>;

/** TObject of a property map, deferred until the map is known (TypeBox's types exhaust the checker on generic maps). */
type Obj<P> = P extends TProperties ? TObject<{ [K in keyof P]: P[K] }> : never;

/** The precise types of one kind's schemas, written out so that `Static<…>` of each is exact. */
type KindSchemasOf<
  R extends TProperties,
  O extends TProperties,
  WR extends TProperties,
  WO extends TProperties,
  RO extends TProperties,
> = {
  create: Obj<R & WR & OptionalAll<NullableAll<O & WO>>>;
  patch: Obj<OptionalAll<R & WR & NullableAll<O & WO>>>;
  item: Obj<typeof stamps & R & NullableAll<O> & RO>;
  page: TObject<{ items: TArray<Obj<typeof stamps & R & NullableAll<O> & RO>>; nextCursor: TUnion<[TString, TNull]> }>;
  query: KindQuerySchema;
};

function kindSchemas<
  R extends TProperties,
  O extends TProperties,
  WR extends TProperties = None,
  WO extends TProperties = None,
  RO extends TProperties = None,
>(name: string, f: FieldSet<R, O, WR, WO, RO>, dateFormat: TString): KindSchemasOf<R, O, WR, WO, RO> {
  // Built from plain property maps; the declared return type restates what these objects are
  // (TypeBox's types cannot be computed over generic property maps without exhausting the checker).
  const writeRequired: TProperties = { ...f.required, ...f.writeOnlyRequired };
  const writeOptional: TProperties = { ...f.optional, ...f.writeOnlyOptional };
  const create = Type.Object(
    { ...writeRequired, ...optionalAll(nullableAll(writeOptional)) },
    { additionalProperties: false, title: `${name}Create` },
  );
  const patch = Type.Object(optionalAll({ ...writeRequired, ...nullableAll(writeOptional) }), {
    additionalProperties: false,
    title: `${name}Patch`,
  });
  const itemProps: TProperties = { ...stamps, ...f.required, ...nullableAll(f.optional as TProperties), ...f.readOnly };
  const item = Type.Object(itemProps, { title: name });
  const query = Type.Object({ ...ListQuery, from: Type.Optional(dateFormat), to: Type.Optional(dateFormat) });
  const schemas: KindSchemas = { create, patch, item, page: Page(item), query };
  return schemas as unknown as KindSchemasOf<R, O, WR, WO, RO>;
}

/** `/health-records`: recordedAt, type, data (JSON object ≤ 64 KiB), notes. */
export const HealthRecordSchemas = kindSchemas(
  'HealthRecord',
  {
    required: {
      recordedAt: IsoTime,
      type: Text(64, 1),
      data: Type.Object({}, { additionalProperties: true, description: 'any JSON object, at most 64 KiB serialized' }),
    },
    optional: { notes: Notes },
  },
  IsoTime,
);

/** `/check-ins`: date, mood and energy 1–5, sleepHours 0–24, notes. */
export const CheckInSchemas = kindSchemas(
  'CheckIn',
  {
    required: { date: IsoDate },
    optional: {
      mood: Type.Integer({ minimum: 1, maximum: 5 }),
      energy: Type.Integer({ minimum: 1, maximum: 5 }),
      sleepHours: Type.Number({ minimum: 0, maximum: 24 }),
      notes: Notes,
    },
  },
  IsoDate,
);

/** `/interventions`: name, kind, dose, startedOn, endedOn, notes. */
export const InterventionSchemas = kindSchemas(
  'Intervention',
  {
    required: { name: Text(200, 1), kind: InterventionKind, startedOn: IsoDate },
    optional: { dose: Text(200), endedOn: IsoDate, notes: Notes },
  },
  IsoDate,
);

/** `/observations`: observedAt, metric, value, unit, interventionId, notes. */
export const ObservationSchemas = kindSchemas(
  'Observation',
  {
    required: { observedAt: IsoTime, metric: Text(64, 1), value: Type.Number() },
    optional: { unit: Text(32), interventionId: Id, notes: Notes },
  },
  IsoTime,
);

/** `/lab-results`: collectedOn, analyte, value, unit, reference range, lab, notes. */
export const LabResultSchemas = kindSchemas(
  'LabResult',
  {
    required: { collectedOn: IsoDate, analyte: Text(200, 1), value: Type.Number() },
    optional: {
      unit: Text(32),
      referenceLow: Type.Number(),
      referenceHigh: Type.Number(),
      lab: Text(200),
      notes: Notes,
    },
  },
  IsoDate,
);

/** `/integrations`: provider, label, expiresAt; accessToken/refreshToken write-only; tokenHint read-only. */
export const IntegrationSchemas = kindSchemas(
  'Integration',
  {
    required: { provider: Text(64, 1) },
    optional: { label: Text(200), expiresAt: IsoTime },
    writeOnlyRequired: { accessToken: Text(8192, 8) },
    writeOnlyOptional: { refreshToken: Text(8192, 8) },
    readOnly: { tokenHint: Type.String({ description: 'the last 4 characters of the access token' }) },
  },
  IsoTime,
);

/** One row of the export history (GET /me/exports); `bytes` is what was sent. */
export const ExportItem = Type.Object({
  id: Id,
  createdAt: IsoTime,
  format: Type.Union([Type.Literal('json'), Type.Literal('zip')]),
  bytes: Type.Integer(),
});
/** GET /me/exports: the whole history, newest first (one row per export, so it stays small). */
export const ExportList = Type.Object({ items: Type.Array(ExportItem) });
/** The export-history item as a type, for the presenter. */
export type ExportItem = Static<typeof ExportItem>;

/** `?format=json|zip` of GET /me/export, json by default. */
export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('zip')], { default: 'json' })),
});

/** POST /me/export/link: which export the one-time link downloads. */
export const ExportLinkBody = Type.Object(
  { format: Type.Union([Type.Literal('json'), Type.Literal('zip')]) },
  { additionalProperties: false },
);
/** A single-use download link, good for a minute; `url` is a path on this server, needing no Authorization header. */
export const ExportLink = Type.Object({
  url: Type.String({ description: 'path of the download, /api/v1/me/export/download/{ticket}' }),
  expiresAt: IsoTime,
});
/** The ticket in a download path (256 random bits in base64url). Any other string is simply an unknown ticket: 404, not 400. */
export const ExportTicketParams = Type.Object({ ticket: Str({ minLength: 1, maxLength: 128 }) });
