import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, body, createTestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rate limits', () => {
  // each attempt names another account, so that only the per-address limit is at work here
  // (account-lockout.test.ts has the per-account one)
  let n = 0;
  const someone = () => `mallory-${n++}`;

  it('answers the 11th login within a minute with 429 rate_limited and Retry-After', async () => {
    const t = await createTestApp({ env: { RATE_LIMITS: 'on' } });
    try {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: someone(), password: 'guess number n' },
        });
      for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(body(limited).code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('limits password checks through PATCH /me, so a stolen access token cannot guess the password', async () => {
    const t = await createTestApp({ env: { RATE_LIMITS: 'on' } });
    try {
      await createUser(t.ctx, { username: 'owner' });
      const { accessToken } = await login(t.app, 'owner');
      const guess = () =>
        t.app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: bearer(accessToken),
          payload: { currentPassword: 'guess number n', newPassword: 'attacker passphrase' },
        });
      for (let i = 0; i < 10; i++) expect((await guess()).statusCode).toBe(400);
      expect(body(await guess()).code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });

  it('keys on the client behind a trusted reverse proxy, and only then', async () => {
    for (const [trust, separate] of [
      ['true', true],
      ['false', false],
    ] as const) {
      const t = await createTestApp({ env: { RATE_LIMITS: 'on', TRUST_PROXY: trust } });
      try {
        const attempt = (client: string) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': client },
            payload: { username: someone(), password: 'guess number n' },
          });
        for (let i = 0; i < 10; i++) expect((await attempt('203.0.113.7')).statusCode).toBe(401);
        expect((await attempt('203.0.113.7')).statusCode).toBe(429);
        // another person behind the same proxy
        expect((await attempt('198.51.100.9')).statusCode).toBe(separate ? 401 : 429);
      } finally {
        await t.close();
      }
    }
  });

  it('shares one budget between server processes through Redis', async () => {
    // a unique client address per run keeps parallel runs on the same Redis apart
    const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const a = await createTestApp({ env: { RATE_LIMITS: 'on', REDIS_URL } });
    const b = await createTestApp({ env: { RATE_LIMITS: 'on', REDIS_URL } });
    try {
      const attempt = (t: typeof a) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: ip,
          payload: { username: someone(), password: 'guess number n' },
        });
      for (let i = 0; i < 5; i++) expect((await attempt(a)).statusCode).toBe(401);
      for (let i = 0; i < 5; i++) expect((await attempt(b)).statusCode).toBe(401);
      expect((await attempt(a)).statusCode).toBe(429);
      expect((await attempt(b)).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
