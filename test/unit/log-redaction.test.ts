import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../server/plugins/log-redaction.ts';

describe('request URLs in logs', () => {
  it.each([
    ['/api/v1/invites/K7QXM-4RTPW-9HJZA', '/api/v1/invites/[code]'],
    ['/setup?token=secret', '/setup?[redacted]'],
    ['/api/v1/auth/google/callback?code=abc&state=xyz', '/api/v1/auth/google/callback?[redacted]'],
    ['/api/v1/admin/invites/0123abc', '/api/v1/admin/invites/[code]'],
    ['/api/v1/me', '/api/v1/me'],
    ['/api/v1/me/export/download/3q2-7wEjx1V9mZcQk0l8pT4uYbN6aRfLhDsGvXeJiOo', '/api/v1/me/export/download/[ticket]'],
    ['/api/v1/me/export/download/abc?x=1', '/api/v1/me/export/download/[ticket]?[redacted]'],
    ['/api/v1/me/export/link', '/api/v1/me/export/link'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
