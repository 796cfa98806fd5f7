/**
 * One sample per kind of health data, for table-driven tests: a valid create body, a patch,
 * an optional field that null clears, and bodies that must be refused.
 */
export interface KindSample {
  path: string;
  exportKey: string;
  create: Record<string, unknown>;
  patch: Record<string, unknown>;
  /** an optional field set in `create` that `{ [field]: null }` clears */
  clearable: string;
  invalid: Record<string, unknown>[];
  /** an invalid patch of an existing item */
  invalidPatch: Record<string, unknown>;
}

export const SAMPLES: KindSample[] = [
  {
    path: '/api/v1/health-records',
    exportKey: 'healthRecords',
    create: {
      recordedAt: '2026-03-01T08:30:00.000Z',
      type: 'blood-pressure',
      data: { systolic: 120, diastolic: 80, arm: 'left' },
      notes: 'after coffee',
    },
    patch: { data: { systolic: 118, diastolic: 79 }, type: 'bp' },
    clearable: 'notes',
    invalid: [
      {},
      { recordedAt: 'yesterday', type: 'x', data: {} },
      { recordedAt: '2026-03-01T08:30:00Z', type: 'x'.repeat(65), data: {} },
      { recordedAt: '2026-03-01T08:30:00Z', type: 'x', data: [1, 2] },
      { recordedAt: '2026-03-01T08:30:00Z', type: 'x', data: 'text' },
      { recordedAt: '2026-03-01T08:30:00Z', type: 'x', data: { big: 'y'.repeat(64 * 1024) } },
      { recordedAt: '2026-03-01T08:30:00Z', type: 'x', data: {}, extra: 1 },
    ],
    invalidPatch: { type: null },
  },
  {
    path: '/api/v1/check-ins',
    exportKey: 'checkIns',
    create: { date: '2026-03-02', mood: 4, energy: 3, sleepHours: 7.5, notes: 'ok' },
    patch: { mood: 5, sleepHours: 8 },
    clearable: 'energy',
    invalid: [
      {},
      { date: '2026-02-30' },
      { date: '2026-03-02', mood: 6 },
      { date: '2026-03-02', energy: 0 },
      { date: '2026-03-02', mood: 2.5 },
      { date: '2026-03-02', sleepHours: 25 },
      { date: '2026-03-02', mood: '4' },
      { date: '2026-03-02', notes: 'nul\u0000char' },
    ],
    invalidPatch: { mood: 9 },
  },
  {
    path: '/api/v1/interventions',
    exportKey: 'interventions',
    create: { name: 'Vitamin D', kind: 'supplement', dose: '2000 IU', startedOn: '2026-01-01', endedOn: '2026-06-30' },
    patch: { dose: '4000 IU', endedOn: '2026-12-31' },
    clearable: 'endedOn',
    invalid: [
      { name: 'x', kind: 'potion', startedOn: '2026-01-01' },
      { name: '', kind: 'habit', startedOn: '2026-01-01' },
      { name: 'x', kind: 'habit' },
      { name: 'x', kind: 'habit', startedOn: '2026-01-10', endedOn: '2026-01-09' },
    ],
    invalidPatch: { endedOn: '2025-12-31' },
  },
  {
    path: '/api/v1/observations',
    exportKey: 'observations',
    create: { observedAt: '2026-03-03T07:00:00+02:00', metric: 'weight', value: 71.3, unit: 'kg', notes: 'morning' },
    patch: { value: 71.1 },
    clearable: 'unit',
    invalid: [
      { observedAt: '2026-03-03T07:00:00Z', metric: 'weight' },
      { observedAt: '2026-03-03T07:00:00Z', metric: 'weight', value: '71' },
      { observedAt: '2026-03-03', metric: 'weight', value: 71 },
      { observedAt: '2026-03-03T07:00:00Z', metric: 'm'.repeat(65), value: 71 },
      { observedAt: '2026-03-03T07:00:00Z', metric: 'weight', value: 71, interventionId: 'no-such-intervention' },
    ],
    invalidPatch: { value: null },
  },
  {
    path: '/api/v1/lab-results',
    exportKey: 'labResults',
    create: {
      collectedOn: '2026-02-15',
      analyte: 'LDL',
      value: 2.9,
      unit: 'mmol/L',
      referenceLow: 0,
      referenceHigh: 3,
      lab: 'City Lab',
    },
    patch: { value: 3.2, notes: 'retest' },
    clearable: 'lab',
    invalid: [
      { collectedOn: '2026-02-15', analyte: 'LDL' },
      { collectedOn: '15/02/2026', analyte: 'LDL', value: 1 },
      { collectedOn: '2026-02-15', analyte: 'LDL', value: 1, referenceLow: 5, referenceHigh: 1 },
    ],
    invalidPatch: { referenceLow: 10 },
  },
  {
    path: '/api/v1/integrations',
    exportKey: 'integrations',
    create: {
      provider: 'withings',
      label: 'scale',
      accessToken: 'access-token-secret-WXYZ',
      refreshToken: 'refresh-token-secret-1234',
      expiresAt: '2026-04-01T00:00:00Z',
    },
    patch: { label: 'bathroom scale' },
    clearable: 'label',
    invalid: [
      { provider: 'withings' },
      { provider: 'withings', accessToken: 'short' },
      { provider: 'p'.repeat(65), accessToken: 'access-token-secret' },
      { provider: 'withings', accessToken: 'access-token-secret', tokenHint: 'abcd' },
    ],
    invalidPatch: { accessToken: null },
  },
];

/** The item as the API should return it for a create body: times normalised, write-only fields gone. */
export function expectedItem(sample: KindSample, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'accessToken' || k === 'refreshToken') continue;
    out[k] = typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : v;
  }
  return out;
}
