import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageForCode } from '../../client/index.ts';
import { generateSchemaSource } from '../../client/openapi-document.ts';

// the server's document is built on a throwaway SQLite file whatever the project, so this runs once
describe('the typed API client', () => {
  it('client/schema.d.ts is generated from the server as it is now (run `npm run client:types` after changing a route)', async () => {
    expect(readFileSync(new URL('../../client/schema.d.ts', import.meta.url), 'utf8')).toBe(
      await generateSchemaSource(),
    );
  });

  it('has plain words for every error code of API.md and of README, never a bare status', () => {
    // the error table of API.md, then the additions README lists, then the web flow's redirect codes
    const codes = [
      'validation_failed',
      'unauthenticated',
      'invalid_credentials',
      'refresh_token_invalid',
      'forbidden',
      'account_disabled',
      'invite_required',
      'invite_invalid',
      'invite_expired',
      'invite_exhausted',
      'invite_revoked',
      'cannot_disable_self',
      'cannot_delete_self',
      'not_found',
      'username_taken',
      'email_taken',
      'email_in_use',
      'last_admin',
      'setup_done',
      'rate_limited',
      'identity_taken',
      'provider_already_linked',
      'last_sign_in_method',
      'provider_unavailable',
      'service_unavailable',
      'nonce_invalid',
      'provider_token_replayed',
      'dashboard_not_built',
      'access_denied',
      'provider_error',
    ];
    const generic = messageForCode('no_such_code');
    for (const code of codes) expect(messageForCode(code), code).not.toBe(generic);
    expect(messageForCode('rate_limited', { retryAfterSeconds: 30 })).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
  });
});
