import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login, PASSWORD } from '../helpers/factories.ts';

describe('own account and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('changes the email, and the password only with the current one, ending other sessions', async () => {
    await createUser(t.ctx, { username: 'mona' });
    const a = await login(t.app, 'mona');
    const b = await login(t.app, 'mona');
    const patch = (token: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(token), payload });

    const emailed = await patch(a.accessToken, { email: 'mona@example.org', currentPassword: PASSWORD });
    expect(body(emailed).email).toBe('mona@example.org');

    const noCurrent = await patch(a.accessToken, { newPassword: 'a brand new passphrase' });
    expect(body(noCurrent).errors[0].path).toBe('/currentPassword');
    const wrong = await patch(a.accessToken, { currentPassword: 'wrong one', newPassword: 'a brand new passphrase' });
    expect(body(wrong).code).toBe('validation_failed');

    const ok = await patch(a.accessToken, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(a.accessToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(b.accessToken) })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'mona', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    await login(t.app, 'mona@example.org', 'a brand new passphrase');
  });

  it('refuses an email that another account uses', async () => {
    await createUser(t.ctx, { username: 'nils', email: 'nils@example.org' });
    await createUser(t.ctx, { username: 'otto' });
    const { accessToken } = await login(t.app, 'otto');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(accessToken),
      payload: { email: 'NILS@example.org', currentPassword: PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect(body(res).code).toBe('email_taken');
  });

  it('lists sessions with the current one marked, and ends one', async () => {
    await createUser(t.ctx, { username: 'pia' });
    const phone = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'user-agent': 'Baseline-iOS/1.0' },
        payload: { username: 'pia', password: PASSWORD },
      }),
    );
    const web = await login(t.app, 'pia');
    const list = body(await t.app.inject({ url: '/api/v1/me/sessions', headers: bearer(web.accessToken) }));
    expect(list.items).toHaveLength(2);
    const phoneSession = list.items.find((s: { userAgent: string }) => s.userAgent === 'Baseline-iOS/1.0');
    expect(phoneSession.current).toBe(false);
    expect(list.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const end = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${phoneSession.id}`,
      headers: bearer(web.accessToken),
    });
    expect(end.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(phone.accessToken) })).statusCode).toBe(401);
    expect(
      body(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: phone.refreshToken },
        }),
      ).code,
    ).toBe('refresh_token_invalid');
    expect(
      body(await t.app.inject({ url: '/api/v1/me/sessions', headers: bearer(web.accessToken) })).items,
    ).toHaveLength(1);
  });

  it("cannot end someone else's session", async () => {
    await createUser(t.ctx, { username: 'quinn' });
    await createUser(t.ctx, { username: 'rosa' });
    const q = await login(t.app, 'quinn');
    const r = await login(t.app, 'rosa');
    const rSession = body(await t.app.inject({ url: '/api/v1/me/sessions', headers: bearer(r.accessToken) })).items[0];
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${rSession.id}`,
      headers: bearer(q.accessToken),
    });
    expect(res.statusCode).toBe(404);
    expect(body(res).code).toBe('not_found');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(r.accessToken) })).statusCode).toBe(200);
  });
});
