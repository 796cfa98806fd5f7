import { ObservationSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Measured values, optionally linked to one of the owner's own interventions. */
export const observations = defineKind({
  name: 'observation',
  path: '/observations',
  exportKey: 'observations',
  table: 'observations',
  date: { ...field('observedAt', 'observed_at', 'time'), type: 'time' },
  fields: [
    field('observedAt', 'observed_at', 'time'),
    field('metric', 'metric'),
    field('value', 'value'),
    field('unit', 'unit'),
    field('interventionId', 'intervention_id'),
    field('notes', 'notes'),
  ],
  schemas: ObservationSchemas,
  // Only the caller's own interventions can be linked: another user's id reads as unknown.
  references: [{ field: 'interventionId', table: 'interventions', message: 'is not one of your interventions' }],
});
