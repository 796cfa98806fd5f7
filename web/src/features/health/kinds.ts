import { formatDate, formatDateTime } from '../../lib/format.ts';

/** A calendar day as people here read it: "3 Mar 2026" (the dashboard's one date format). */
export const formatDay = formatDate;

/**
 * What the dashboard knows about each kind of health data, written once as data: the page,
 * its table, its form and its delete confirmation are all built from these descriptions, so a
 * seventh kind is one more entry here (and its path in the server's OpenAPI document).
 */

export type KindId = 'check-ins' | 'interventions' | 'observations' | 'lab-results' | 'health-records' | 'integrations';

/** One item as the API returns it: the stamps every kind has, and the kind's own fields. */
export type HealthItem = { id: string; createdAt: string; updatedAt: string } & Record<string, unknown>;

interface FieldBase {
  /** the API field */
  name: string;
  label: string;
  required?: boolean;
  description?: string;
}

/** A form field, typed by what the API accepts (API.md, contract/health.ts). */
export type FieldDef = FieldBase &
  (
    | { type: 'date' }
    | { type: 'datetime' }
    | { type: 'score'; choices: readonly string[] }
    | { type: 'number'; min?: number; max?: number; step?: number }
    | { type: 'text'; maxLength: number; minLength?: number; multiline?: boolean }
    | { type: 'select'; options: readonly { value: string; label: string }[] }
    | { type: 'json'; maxBytes: number }
    | { type: 'secret'; minLength: number; maxLength: number }
    | { type: 'intervention' }
  );

/** How a column shows a value: plain, or in the words of its kind (`labValue`: value, unit, and its range if any). */
export type ColumnFormat =
  'text' | 'date' | 'time' | 'score' | 'number' | 'hours' | 'tokenHint' | 'labValue' | 'json' | 'option';

export interface ColumnDef {
  name: string;
  label: string;
  format: ColumnFormat;
  /** shown on phone cards too (the title line always is) */
  onCard?: boolean;
}

export interface KindDef {
  id: KindId;
  /** `/api/v1/...` as written in the OpenAPI document */
  apiPath: `/api/v1/${KindId}`;
  /** "Check-ins" (page title, menu) */
  plural: string;
  /** "check-in" ("Add check-in", "Delete the check-in of 3 Mar 2026?") */
  singular: string;
  description: string;
  /** the field that lists sort on and that `from`/`to` filter, and whether it is a day or a moment */
  dateField: string;
  dateType: 'date' | 'time';
  fields: readonly FieldDef[];
  columns: readonly ColumnDef[];
  /** names one item in words: "the check-in of 3 Mar 2026" */
  describe: (item: HealthItem) => string;
  /** one line under the item's date or name, where there is room for only a line (Home) */
  summary: (item: HealthItem) => string;
  /** what the empty list says to do next */
  emptyText: string;
}

const NOTES: FieldDef = { name: 'notes', label: 'Notes', type: 'text', maxLength: 10_000, multiline: true };
const SCORE = ['Very low', 'Low', 'OK', 'Good', 'Very good'] as const;

export const INTERVENTION_KINDS = [
  { value: 'supplement', label: 'Supplement' },
  { value: 'medication', label: 'Medication' },
  { value: 'habit', label: 'Habit' },
  { value: 'diet', label: 'Diet' },
  { value: 'other', label: 'Other' },
] as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown, unit = '') => (typeof v === 'number' ? `${v.toLocaleString()}${unit}` : null);
/** The parts that are set, joined by a middle dot. */
const line = (...parts: (string | null | false)[]) => parts.filter(Boolean).join(' · ') || 'No details';
const measure = (i: HealthItem) => num(i.value, typeof i.unit === 'string' && i.unit ? ` ${i.unit}` : '');
const when = (iso: unknown) => formatDateTime(str(iso));
const day = (d: unknown) => formatDay(str(d));

export const KINDS: Record<KindId, KindDef> = {
  'check-ins': {
    id: 'check-ins',
    apiPath: '/api/v1/check-ins',
    plural: 'Check-ins',
    singular: 'check-in',
    description: 'How you felt and slept, one entry a day.',
    dateField: 'date',
    dateType: 'date',
    fields: [
      { name: 'date', label: 'Date', type: 'date', required: true },
      { name: 'mood', label: 'Mood', type: 'score', choices: SCORE, description: '1 is very low, 5 is very good.' },
      { name: 'energy', label: 'Energy', type: 'score', choices: SCORE, description: '1 is very low, 5 is very good.' },
      {
        name: 'sleepHours',
        label: 'Sleep hours',
        type: 'number',
        min: 0,
        max: 24,
        step: 0.25,
        description: 'Between 0 and 24.',
      },
      NOTES,
    ],
    columns: [
      { name: 'date', label: 'Date', format: 'date' },
      { name: 'mood', label: 'Mood', format: 'score', onCard: true },
      { name: 'energy', label: 'Energy', format: 'score', onCard: true },
      { name: 'sleepHours', label: 'Sleep', format: 'hours', onCard: true },
      { name: 'notes', label: 'Notes', format: 'text' },
    ],
    describe: (i) => `the check-in of ${day(i.date)}`,
    summary: (i) =>
      line(
        num(i.mood) && `Mood ${num(i.mood)}/5`,
        num(i.energy) && `Energy ${num(i.energy)}/5`,
        num(i.sleepHours) && `Sleep ${num(i.sleepHours)} h`,
      ),
    emptyText: 'No check-ins yet. Add one to start seeing how your mood, energy and sleep change.',
  },
  interventions: {
    id: 'interventions',
    apiPath: '/api/v1/interventions',
    plural: 'Interventions',
    singular: 'intervention',
    description: 'Supplements, medication, habits and diets, with when you started and stopped.',
    dateField: 'startedOn',
    dateType: 'date',
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, minLength: 1, maxLength: 200 },
      { name: 'kind', label: 'Kind', type: 'select', required: true, options: INTERVENTION_KINDS },
      { name: 'dose', label: 'Dose', type: 'text', maxLength: 200 },
      { name: 'startedOn', label: 'Started on', type: 'date', required: true },
      { name: 'endedOn', label: 'Ended on', type: 'date', description: 'Leave empty while it is ongoing.' },
      NOTES,
    ],
    columns: [
      { name: 'name', label: 'Name', format: 'text' },
      { name: 'kind', label: 'Kind', format: 'option', onCard: true },
      { name: 'dose', label: 'Dose', format: 'text', onCard: true },
      { name: 'startedOn', label: 'Started', format: 'date', onCard: true },
      { name: 'endedOn', label: 'Ended', format: 'date', onCard: true },
    ],
    describe: (i) => `the intervention “${str(i.name)}”`,
    summary: (i) =>
      line(
        INTERVENTION_KINDS.find((k) => k.value === i.kind)?.label ?? null,
        str(i.dose),
        i.endedOn ? `${day(i.startedOn)} – ${day(i.endedOn)}` : `since ${day(i.startedOn)}`,
      ),
    emptyText:
      'No interventions yet. Add a supplement, medication, habit or diet to see its effect on your observations.',
  },
  observations: {
    id: 'observations',
    apiPath: '/api/v1/observations',
    plural: 'Observations',
    singular: 'observation',
    description: 'Values you measured: weight, resting heart rate, blood pressure…',
    dateField: 'observedAt',
    dateType: 'time',
    fields: [
      { name: 'observedAt', label: 'Observed at', type: 'datetime', required: true },
      {
        name: 'metric',
        label: 'Metric',
        type: 'text',
        required: true,
        minLength: 1,
        maxLength: 64,
        description: 'For example “weight” or “resting heart rate”.',
      },
      { name: 'value', label: 'Value', type: 'number', required: true },
      { name: 'unit', label: 'Unit', type: 'text', maxLength: 32 },
      {
        name: 'interventionId',
        label: 'Intervention',
        type: 'intervention',
        description: 'The intervention this measurement belongs to, if any.',
      },
      NOTES,
    ],
    columns: [
      { name: 'observedAt', label: 'Observed', format: 'time' },
      { name: 'metric', label: 'Metric', format: 'text', onCard: true },
      { name: 'value', label: 'Value', format: 'labValue', onCard: true },
      { name: 'notes', label: 'Notes', format: 'text' },
    ],
    describe: (i) => `the observation “${str(i.metric)}” of ${when(i.observedAt)}`,
    summary: (i) => line(str(i.metric), measure(i)),
    emptyText: 'No observations yet. Add a measured value, like your weight, to follow it over time.',
  },
  'lab-results': {
    id: 'lab-results',
    apiPath: '/api/v1/lab-results',
    plural: 'Lab results',
    singular: 'lab result',
    description: 'Blood tests and other lab values, against their reference range.',
    dateField: 'collectedOn',
    dateType: 'date',
    fields: [
      { name: 'collectedOn', label: 'Collected on', type: 'date', required: true },
      {
        name: 'analyte',
        label: 'Analyte',
        type: 'text',
        required: true,
        minLength: 1,
        maxLength: 200,
        description: 'For example “LDL cholesterol”.',
      },
      { name: 'value', label: 'Value', type: 'number', required: true },
      { name: 'unit', label: 'Unit', type: 'text', maxLength: 32 },
      { name: 'referenceLow', label: 'Reference low', type: 'number' },
      { name: 'referenceHigh', label: 'Reference high', type: 'number' },
      { name: 'lab', label: 'Lab', type: 'text', maxLength: 200 },
      NOTES,
    ],
    columns: [
      { name: 'collectedOn', label: 'Collected', format: 'date' },
      { name: 'analyte', label: 'Analyte', format: 'text', onCard: true },
      { name: 'value', label: 'Value', format: 'labValue', onCard: true },
      { name: 'lab', label: 'Lab', format: 'text', onCard: true },
    ],
    describe: (i) => `the lab result “${str(i.analyte)}” of ${day(i.collectedOn)}`,
    summary: (i) => line(str(i.analyte), measure(i)),
    emptyText: 'No lab results yet. Add a value from your last blood test, with its reference range.',
  },
  'health-records': {
    id: 'health-records',
    apiPath: '/api/v1/health-records',
    plural: 'Health records',
    singular: 'health record',
    description: 'Anything else worth keeping, as structured data.',
    dateField: 'recordedAt',
    dateType: 'time',
    fields: [
      { name: 'recordedAt', label: 'Recorded at', type: 'datetime', required: true },
      {
        name: 'type',
        label: 'Type',
        type: 'text',
        required: true,
        minLength: 1,
        maxLength: 64,
        description: 'For example “vaccination” or “blood pressure”.',
      },
      {
        name: 'data',
        label: 'Data (JSON)',
        type: 'json',
        required: true,
        maxBytes: 64 * 1024,
        description: 'A JSON object, for example {"systolic": 120, "diastolic": 80}.',
      },
      NOTES,
    ],
    columns: [
      { name: 'recordedAt', label: 'Recorded', format: 'time' },
      { name: 'type', label: 'Type', format: 'text', onCard: true },
      { name: 'data', label: 'Data', format: 'json', onCard: true },
    ],
    describe: (i) => `the health record “${str(i.type)}” of ${when(i.recordedAt)}`,
    summary: (i) => line(str(i.type), str(i.notes)),
    emptyText: 'No health records yet. Add one for anything the other pages do not cover.',
  },
  integrations: {
    id: 'integrations',
    apiPath: '/api/v1/integrations',
    plural: 'Integrations',
    singular: 'integration',
    description:
      'Connected services. Their tokens are encrypted and never shown again; you see only their last 4 characters.',
    dateField: 'createdAt',
    dateType: 'time',
    fields: [
      {
        name: 'provider',
        label: 'Provider',
        type: 'text',
        required: true,
        minLength: 1,
        maxLength: 64,
        description: 'For example “oura” or “withings”.',
      },
      { name: 'label', label: 'Label', type: 'text', maxLength: 200 },
      { name: 'accessToken', label: 'Access token', type: 'secret', required: true, minLength: 8, maxLength: 8192 },
      { name: 'refreshToken', label: 'Refresh token', type: 'secret', minLength: 8, maxLength: 8192 },
      { name: 'expiresAt', label: 'Expires at', type: 'datetime' },
    ],
    columns: [
      { name: 'provider', label: 'Provider', format: 'text' },
      { name: 'label', label: 'Label', format: 'text', onCard: true },
      { name: 'tokenHint', label: 'Token', format: 'tokenHint', onCard: true },
      { name: 'expiresAt', label: 'Expires', format: 'time', onCard: true },
      { name: 'createdAt', label: 'Added', format: 'time', onCard: true },
    ],
    describe: (i) => `the integration “${str(i.label) || str(i.provider)}”`,
    summary: (i) => line(str(i.label), `token ••••${str(i.tokenHint)}`),
    emptyText: 'No integrations yet. Add one with the access token of a service you use.',
  },
};

export const KIND_IDS = Object.keys(KINDS) as KindId[];

/** The page of a kind in the dashboard. */
export const pathOf = (kind: KindId) => `/${kind}`;

/** "Add check-in" */
export const addLabel = (k: KindDef) => `Add ${k.singular}`;
