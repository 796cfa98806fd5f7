import { CheckInSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Daily check-ins, listed and filtered by their calendar date. */
export const checkIns = defineKind({
  name: 'check-in',
  path: '/check-ins',
  exportKey: 'checkIns',
  table: 'check_ins',
  date: { ...field('date', 'date'), type: 'date' },
  fields: [
    field('date', 'date'),
    field('mood', 'mood'),
    field('energy', 'energy'),
    field('sleepHours', 'sleep_hours'),
    field('notes', 'notes'),
  ],
  schemas: CheckInSchemas,
});
