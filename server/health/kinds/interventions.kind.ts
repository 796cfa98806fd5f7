import { InterventionSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Supplements, medication, habits, diets: a period that must not end before it starts. */
export const interventions = defineKind({
  name: 'intervention',
  path: '/interventions',
  exportKey: 'interventions',
  table: 'interventions',
  date: { ...field('startedOn', 'started_on'), type: 'date' },
  fields: [
    field('name', 'name'),
    field('kind', 'kind'),
    field('dose', 'dose'),
    field('startedOn', 'started_on'),
    field('endedOn', 'ended_on'),
    field('notes', 'notes'),
  ],
  schemas: InterventionSchemas,
  check({ startedOn, endedOn }) {
    return endedOn && startedOn && endedOn < startedOn
      ? [{ path: '/endedOn', message: 'must not be before startedOn' }]
      : [];
  },
});
