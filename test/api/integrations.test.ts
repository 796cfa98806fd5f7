import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, requestsAs, type Method, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { DataCipher } from '../../server/lib/data-encryption.ts';
import { tokenContext } from '../../server/health/secrets.ts';

const KEY = randomBytes(32);
const ACCESS = 'ya29.access-token-PLAINTEXT-ab12';
const REFRESH = '1//refresh-token-PLAINTEXT-cd34';

describe('integration tokens: encrypted at rest, never returned', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp({ env: { DATA_ENCRYPTION_KEY: KEY.toString('base64') } });
    await createUser(t.ctx, { username: 'alice' });
    token = (await login(t.app, 'alice')).accessToken;
  });
  afterEach(() => t.close());

  const call = (method: Method, url: string, payload?: object) => requestsAs(t.app, token).send(method, url, payload);
  const row = (id: string) =>
    t.ctx.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores only ciphertext that the configured key decrypts, and shows only the hint', async () => {
    const res = await call('POST', '/api/v1/integrations', {
      provider: 'google-fit',
      accessToken: ACCESS,
      refreshToken: REFRESH,
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('PLAINTEXT');
    const item = body(res);
    expect(item).toMatchObject({ provider: 'google-fit', tokenHint: 'ab12', label: null, expiresAt: null });
    expect(Object.keys(item).sort()).toEqual([
      'createdAt',
      'expiresAt',
      'id',
      'label',
      'provider',
      'tokenHint',
      'updatedAt',
    ]);

    const stored = await row(item.id);
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain('PLAINTEXT');
    expect(dump).not.toContain(Buffer.from(ACCESS).toString('base64').slice(0, 16));
    const cipher = new DataCipher(KEY);
    expect(cipher.decrypt(stored.access_token_enc, tokenContext('access_token_enc', item.id))).toBe(ACCESS);
    expect(cipher.decrypt(stored.refresh_token_enc!, tokenContext('refresh_token_enc', item.id))).toBe(REFRESH);
    // bound to its row and column: the same ciphertext elsewhere does not decrypt
    expect(() => cipher.decrypt(stored.access_token_enc, tokenContext('refresh_token_enc', item.id))).toThrow();
    expect(() => cipher.decrypt(stored.access_token_enc, tokenContext('access_token_enc', 'other-row'))).toThrow();
    expect(() =>
      new DataCipher(randomBytes(32)).decrypt(stored.access_token_enc, tokenContext('access_token_enc', item.id)),
    ).toThrow(/another key/);

    for (const url of ['/api/v1/integrations', `/api/v1/integrations/${item.id}`]) {
      const got = await call('GET', url);
      expect(got.body).not.toContain('PLAINTEXT');
      expect(got.body).not.toContain(stored.access_token_enc);
    }
  });

  it('re-encrypts a new access token, updates the hint, and clears the refresh token with null', async () => {
    const item = body(
      await call('POST', '/api/v1/integrations', { provider: 'oura', accessToken: ACCESS, refreshToken: REFRESH }),
    );
    const before = await row(item.id);
    const patched = await call('PATCH', `/api/v1/integrations/${item.id}`, {
      accessToken: 'new-access-token-9876',
      refreshToken: null,
    });
    expect(patched.statusCode).toBe(200);
    expect(body(patched).tokenHint).toBe('9876');
    expect(patched.body).not.toContain('new-access-token');
    const after = await row(item.id);
    expect(after.access_token_enc).not.toBe(before.access_token_enc);
    expect(after.refresh_token_enc).toBeNull();
    expect(new DataCipher(KEY).decrypt(after.access_token_enc, tokenContext('access_token_enc', item.id))).toBe(
      'new-access-token-9876',
    );
    // a label-only patch leaves the tokens as they were
    await call('PATCH', `/api/v1/integrations/${item.id}`, { label: 'ring' });
    expect((await row(item.id)).access_token_enc).toBe(after.access_token_enc);
  });

  it('encrypts two equal tokens differently (random IV)', async () => {
    const a = body(await call('POST', '/api/v1/integrations', { provider: 'a', accessToken: ACCESS }));
    const b = body(await call('POST', '/api/v1/integrations', { provider: 'b', accessToken: ACCESS }));
    expect((await row(a.id)).access_token_enc).not.toBe((await row(b.id)).access_token_enc);
  });
});
