import { HEALTH_RECORD_DATA_MAX_BYTES, HealthRecordSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Free-form records (`data` is any JSON object, capped so one record cannot bloat exports). */
export const healthRecords = defineKind({
  name: 'health record',
  path: '/health-records',
  exportKey: 'healthRecords',
  table: 'health_records',
  date: { ...field('recordedAt', 'recorded_at', 'time'), type: 'time' },
  fields: [
    field('recordedAt', 'recorded_at', 'time'),
    field('type', 'type'),
    field('data', 'data', 'json'),
    field('notes', 'notes'),
  ],
  schemas: HealthRecordSchemas,
  check({ data }) {
    const bytes = Buffer.byteLength(JSON.stringify(data ?? {}), 'utf8');
    return bytes > HEALTH_RECORD_DATA_MAX_BYTES
      ? [{ path: '/data', message: `must be at most ${HEALTH_RECORD_DATA_MAX_BYTES} bytes of JSON (is ${bytes})` }]
      : [];
  },
});
