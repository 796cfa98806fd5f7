import { dayjs } from '../../lib/format.ts';
import type { FieldDef, HealthItem, KindDef } from './kinds.ts';

/**
 * Between an item of the API and the form that edits it: what the inputs start with, what a
 * create sends, what a PATCH sends (only what changed; an emptied optional field becomes null),
 * and the API's own limits checked before sending, in words.
 */

export type FormValue = string | number;
export type FormValues = Record<string, FormValue>;

const LOCAL_TIME = 'YYYY-MM-DDTHH:mm';

function initialOf(field: FieldDef, item: HealthItem | undefined, isDateField: boolean): FormValue {
  const v = item?.[field.name];
  switch (field.type) {
    case 'date':
      return typeof v === 'string' ? v : isDateField ? dayjs().format('YYYY-MM-DD') : '';
    case 'datetime':
      return typeof v === 'string' ? dayjs(v).format(LOCAL_TIME) : isDateField ? dayjs().format(LOCAL_TIME) : '';
    case 'score':
      return typeof v === 'number' ? String(v) : '';
    case 'number':
      return typeof v === 'number' ? v : '';
    case 'json':
      return v && typeof v === 'object' ? JSON.stringify(v, null, 2) : '';
    case 'secret':
      return '';
    default:
      return typeof v === 'string' ? v : '';
  }
}

/** What the form starts with: the item's values, or today/now for a new item's date. */
export function initialValues(kind: KindDef, item?: HealthItem): FormValues {
  return Object.fromEntries(kind.fields.map((f) => [f.name, initialOf(f, item, f.name === kind.dateField)]));
}

const isEmpty = (v: FormValue) => (typeof v === 'string' ? v.trim() === '' : false);

/** The API value of one input; null when it is empty. */
function apiValue(field: FieldDef, v: FormValue): unknown {
  if (isEmpty(v)) return null;
  switch (field.type) {
    case 'datetime':
      return dayjs(String(v)).toISOString();
    case 'score':
    case 'number':
      return Number(v);
    case 'json':
      return JSON.parse(String(v)) as unknown;
    case 'text':
      return String(v).trim();
    default:
      return v;
  }
}

/** POST body: every filled field (empty optional ones are simply left out). */
export function createBody(kind: KindDef, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = apiValue(f, values[f.name]);
    if (v !== null) body[f.name] = v;
  }
  return body;
}

/** PATCH body: only the fields that changed; an emptied optional field is sent as null; a blank secret is kept. */
export function patchBody(kind: KindDef, initial: FormValues, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of kind.fields) {
    if (values[f.name] === initial[f.name]) continue;
    const v = apiValue(f, values[f.name]);
    if (f.type === 'secret' && v === null) continue;
    body[f.name] = v;
  }
  return body;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The API's rule for one input, in words; null when it is fine. */
export function checkField(field: FieldDef, v: FormValue, creating: boolean): string | null {
  const label = field.label.replace(/ \(.*\)$/, '');
  if (isEmpty(v)) {
    const needed = field.required && (field.type !== 'secret' || creating);
    if (!needed) return null;
    return field.type === 'select' || field.type === 'date' || field.type === 'datetime'
      ? `Choose the ${label.toLowerCase()}.`
      : `Enter the ${label.toLowerCase()}.`;
  }
  const s = String(v);
  switch (field.type) {
    case 'number': {
      const n = Number(v);
      if (!Number.isFinite(n)) return `${label} must be a number.`;
      if (field.min !== undefined && field.max !== undefined && (n < field.min || n > field.max))
        return `${label} must be between ${field.min} and ${field.max}.`;
      return null;
    }
    case 'datetime':
      return dayjs(s).isValid() ? null : `Enter a valid date and time.`;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid() ? null : 'Enter a valid date.';
    case 'text':
      return s.length > field.maxLength ? `Use at most ${field.maxLength.toLocaleString()} characters.` : null;
    case 'secret':
      if (s.length < field.minLength) return `A token has at least ${field.minLength} characters.`;
      return s.length > field.maxLength ? `A token has at most ${field.maxLength.toLocaleString()} characters.` : null;
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        return 'This is not valid JSON. Check quotes, commas and braces.';
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return 'Enter a JSON object, in braces: {"key": "value"}.';
      return bytes(JSON.stringify(parsed)) > field.maxBytes
        ? `The data must be at most ${field.maxBytes / 1024} KiB.`
        : null;
    }
    default:
      return null;
  }
}

/** Rules across fields that the server also checks (an end before its start, a range upside down). */
export function checkAcross(values: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  const { startedOn, endedOn, referenceLow, referenceHigh } = values;
  if (typeof startedOn === 'string' && typeof endedOn === 'string' && endedOn && startedOn && endedOn < startedOn)
    out.endedOn = 'The end must not be before the start.';
  if (typeof referenceLow === 'number' && typeof referenceHigh === 'number' && referenceHigh < referenceLow)
    out.referenceHigh = 'The high end must not be below the low end.';
  return out;
}

/** A `validation_failed` answer's problems on the fields they name, in the form's words. */
export function serverFieldErrors(kind: KindDef, errors: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = e.path.replace(/^.*?\//, '').split('/')[0];
    const field = kind.fields.find((f) => f.name === name);
    if (!field) continue;
    let message = e.message;
    for (const f of kind.fields) message = message.replaceAll(f.name, f.label.toLowerCase());
    out[name] = `${field.label} ${message}.`;
  }
  return out;
}
