import { LabResultSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Lab values with an optional reference range that must be in order. */
export const labResults = defineKind({
  name: 'lab result',
  path: '/lab-results',
  exportKey: 'labResults',
  table: 'lab_results',
  date: { ...field('collectedOn', 'collected_on'), type: 'date' },
  fields: [
    field('collectedOn', 'collected_on'),
    field('analyte', 'analyte'),
    field('value', 'value'),
    field('unit', 'unit'),
    field('referenceLow', 'reference_low'),
    field('referenceHigh', 'reference_high'),
    field('lab', 'lab'),
    field('notes', 'notes'),
  ],
  schemas: LabResultSchemas,
  check({ referenceLow: lo, referenceHigh: hi }) {
    return typeof lo === 'number' && typeof hi === 'number' && lo > hi
      ? [{ path: '/referenceHigh', message: 'must not be below referenceLow' }]
      : [];
  },
});
