import {
  CheckInSchemas,
  HEALTH_RECORD_DATA_MAX_BYTES,
  HealthRecordSchemas,
  IntegrationSchemas,
  InterventionSchemas,
  LabResultSchemas,
  ObservationSchemas,
  type KindSchemas,
} from '../../contract/health.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { DataCipher } from '../lib/data-encryption.ts';

/** The per-user data tables that the generic health repository may touch. */
export type HealthTable =
  'health_records' | 'check_ins' | 'interventions' | 'observations' | 'lab_results' | 'integrations';

/** One API field ↔ one column. `time` values are normalised to UTC ISO text; `json` is stored as JSON text. */
export interface FieldMap {
  api: string;
  column: string;
  codec?: 'time' | 'json';
}

/** What a kind's write hook may need: the row's owner and id, the database and the secrets cipher. */
export interface WriteEnv {
  db: Db;
  userId: string;
  id: string;
  cipher: DataCipher;
}

/** One problem of a validation_failed answer, as JSON Pointer and words. */
export type FieldError = { path: string; message: string };

/**
 * Everything the generic repository, routes and export need to know about one kind. The CRUD
 * is written once against this description; a kind only adds what is truly its own (tokens,
 * a cross-field rule, an ownership check).
 */
export interface KindDescriptor {
  /** singular, for "No such check-in." */
  name: string;
  /** route path under /api/v1 */
  path: string;
  /** key of the export document and base name of the ZIP's CSV file */
  exportKey: string;
  table: HealthTable;
  /** the field that lists sort on and that `from`/`to` filter */
  date: FieldMap & { type: 'time' | 'date' };
  /** readable and writable fields (the date field included) */
  fields: FieldMap[];
  schemas: KindSchemas;
  /** columns derived from write-only or checked inputs; throws a validation error to refuse */
  prepare?(input: Record<string, unknown>, env: WriteEnv): Promise<Record<string, unknown>>;
  /** rules across fields, checked on the item as it would be after the write */
  check?(item: Record<string, unknown>): FieldError[];
  /** API fields derived from columns that are not plain fields */
  present?(row: Record<string, unknown>): Record<string, unknown>;
}

const f = (api: string, column: string, codec?: FieldMap['codec']): FieldMap => ({ api, column, codec });
const notes = f('notes', 'notes');

/** Free-form records (`data` is any JSON object, capped so one record cannot bloat exports). */
export const healthRecords: KindDescriptor = {
  name: 'health record',
  path: '/health-records',
  exportKey: 'healthRecords',
  table: 'health_records',
  date: { ...f('recordedAt', 'recorded_at', 'time'), type: 'time' },
  fields: [f('recordedAt', 'recorded_at', 'time'), f('type', 'type'), f('data', 'data', 'json'), notes],
  schemas: HealthRecordSchemas,
  check(item) {
    const bytes = Buffer.byteLength(JSON.stringify(item.data ?? {}), 'utf8');
    return bytes > HEALTH_RECORD_DATA_MAX_BYTES
      ? [{ path: '/data', message: `must be at most ${HEALTH_RECORD_DATA_MAX_BYTES} bytes of JSON (is ${bytes})` }]
      : [];
  },
};

/** Daily check-ins, listed and filtered by their calendar date. */
export const checkIns: KindDescriptor = {
  name: 'check-in',
  path: '/check-ins',
  exportKey: 'checkIns',
  table: 'check_ins',
  date: { ...f('date', 'date'), type: 'date' },
  fields: [f('date', 'date'), f('mood', 'mood'), f('energy', 'energy'), f('sleepHours', 'sleep_hours'), notes],
  schemas: CheckInSchemas,
};

/** Supplements, medication, habits, diets: a period that must not end before it starts. */
export const interventions: KindDescriptor = {
  name: 'intervention',
  path: '/interventions',
  exportKey: 'interventions',
  table: 'interventions',
  date: { ...f('startedOn', 'started_on'), type: 'date' },
  fields: [
    f('name', 'name'),
    f('kind', 'kind'),
    f('dose', 'dose'),
    f('startedOn', 'started_on'),
    f('endedOn', 'ended_on'),
    notes,
  ],
  schemas: InterventionSchemas,
  check(item) {
    const { startedOn, endedOn } = item as { startedOn?: string; endedOn?: string | null };
    return endedOn && startedOn && endedOn < startedOn
      ? [{ path: '/endedOn', message: 'must not be before startedOn' }]
      : [];
  },
};

/** Measured values, optionally linked to one of the owner's own interventions. */
export const observations: KindDescriptor = {
  name: 'observation',
  path: '/observations',
  exportKey: 'observations',
  table: 'observations',
  date: { ...f('observedAt', 'observed_at', 'time'), type: 'time' },
  fields: [
    f('observedAt', 'observed_at', 'time'),
    f('metric', 'metric'),
    f('value', 'value'),
    f('unit', 'unit'),
    f('interventionId', 'intervention_id'),
    notes,
  ],
  schemas: ObservationSchemas,
  async prepare(input, env) {
    const id = input.interventionId;
    if (typeof id !== 'string') return {};
    // Only the caller's own interventions can be linked: another user's id reads as unknown.
    const own = await env.db
      .selectFrom('interventions')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', env.userId)
      .executeTakeFirst();
    if (!own)
      throw errors.validation('The request body is not valid.', [
        { path: '/interventionId', message: 'is not one of your interventions' },
      ]);
    return {};
  },
};

/** Lab values with an optional reference range that must be in order. */
export const labResults: KindDescriptor = {
  name: 'lab result',
  path: '/lab-results',
  exportKey: 'labResults',
  table: 'lab_results',
  date: { ...f('collectedOn', 'collected_on'), type: 'date' },
  fields: [
    f('collectedOn', 'collected_on'),
    f('analyte', 'analyte'),
    f('value', 'value'),
    f('unit', 'unit'),
    f('referenceLow', 'reference_low'),
    f('referenceHigh', 'reference_high'),
    f('lab', 'lab'),
    notes,
  ],
  schemas: LabResultSchemas,
  check(item) {
    const { referenceLow: lo, referenceHigh: hi } = item as {
      referenceLow?: number | null;
      referenceHigh?: number | null;
    };
    return typeof lo === 'number' && typeof hi === 'number' && lo > hi
      ? [{ path: '/referenceHigh', message: 'must not be below referenceLow' }]
      : [];
  },
};

/** The last 4 characters of a token (by code point), shown so that a person can tell tokens apart. */
export function tokenHint(token: string): string {
  return Array.from(token).slice(-4).join('');
}

/** Additional authenticated data binding an encrypted token to its row and column. */
export const tokenContext = (column: 'access_token_enc' | 'refresh_token_enc', rowId: string) =>
  `integrations.${column}:${rowId}`;

/** Connected services: tokens go in encrypted and never come out; only a hint is shown. */
export const integrations: KindDescriptor = {
  name: 'integration',
  path: '/integrations',
  exportKey: 'integrations',
  table: 'integrations',
  date: { ...f('createdAt', 'created_at', 'time'), type: 'time' },
  fields: [f('provider', 'provider'), f('label', 'label'), f('expiresAt', 'expires_at', 'time')],
  schemas: IntegrationSchemas,
  async prepare(input, env) {
    const out: Record<string, unknown> = {};
    if (typeof input.accessToken === 'string') {
      out.access_token_enc = env.cipher.encrypt(input.accessToken, tokenContext('access_token_enc', env.id));
      out.token_hint = tokenHint(input.accessToken);
    }
    if (typeof input.refreshToken === 'string')
      out.refresh_token_enc = env.cipher.encrypt(input.refreshToken, tokenContext('refresh_token_enc', env.id));
    else if (input.refreshToken === null) out.refresh_token_enc = null;
    return out;
  },
  // Only the hint leaves the server; the encrypted columns are never mapped to API fields.
  present: (row) => ({ tokenHint: row.token_hint }),
};

/** All six kinds, in the order of the export document. */
export const HEALTH_KINDS: readonly KindDescriptor[] = [
  healthRecords,
  checkIns,
  interventions,
  observations,
  labResults,
  integrations,
];
