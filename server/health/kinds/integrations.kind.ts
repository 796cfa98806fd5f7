import { IntegrationSchemas } from '../../../contract/health.ts';
import { defineKind, field } from '../kind.ts';

/** Connected services: tokens go in encrypted and never come out; only a hint is shown. */
export const integrations = defineKind({
  name: 'integration',
  path: '/integrations',
  exportKey: 'integrations',
  table: 'integrations',
  date: { ...field('createdAt', 'created_at', 'time'), type: 'time' },
  fields: [field('provider', 'provider'), field('label', 'label'), field('expiresAt', 'expires_at', 'time')],
  schemas: IntegrationSchemas,
  secrets: [
    { field: 'accessToken', column: 'access_token_enc', hintColumn: 'token_hint' },
    { field: 'refreshToken', column: 'refresh_token_enc' },
  ],
  // Only the hint leaves the server; the encrypted columns are never mapped to API fields.
  present: (row) => ({ tokenHint: String(row.token_hint) }),
});
