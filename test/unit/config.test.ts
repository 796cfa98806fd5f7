import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('has the defaults of API.md', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/baseline.db',
      publicUrl: 'http://localhost:8080',
      requireInvite: true,
      accessTokenTtlMs: 15 * 60_000,
      limitedAccessTokenTtlMs: 5 * 60_000,
      refreshTokenTtlMs: 30 * 24 * 3_600_000,
      refreshIdleTtlMs: 14 * 24 * 3_600_000,
      refreshReuseGraceMs: 10_000,
      rateLimits: true,
      logLevel: 'info',
    });
    expect(c.google).toEqual({ clientIds: [], clientSecret: undefined, issuer: 'https://accounts.google.com' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REQUIRE_INVITE: 'yes' }, 'REQUIRE_INVITE'],
    [{ ACCESS_TOKEN_TTL: 'soon' }, 'ACCESS_TOKEN_TTL'],
    [{ REFRESH_IDLE_TTL: 'a fortnight' }, 'REFRESH_IDLE_TTL'],
    [{ GOOGLE_ISSUER: 'http://evil.example.com' }, 'GOOGLE_ISSUER'],
    [{ DATA_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'DATA_ENCRYPTION_KEY'],
    [{ RATE_LIMITS: 'maybe' }, 'RATE_LIMITS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PUBLIC_URL: 'baseline.local' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'nginx' }, 'TRUST_PROXY'],
    [{ REFRESH_REUSE_GRACE: '2m' }, 'REFRESH_REUSE_GRACE'],
    [{ REFRESH_REUSE_GRACE: 'soon' }, 'REFRESH_REUSE_GRACE'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E', IOS_BUNDLE_ID: 'org.example.baseline' }, 'APPLE_TEAM_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5F', IOS_BUNDLE_ID: 'org.example.baseline' }, 'APPLE_TEAM_ID'],
    [{ APPLE_TEAM_ID: 'a1b2c3d4e5', IOS_BUNDLE_ID: 'org.example.baseline' }, 'APPLE_TEAM_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3-4E5', IOS_BUNDLE_ID: 'org.example.baseline' }, 'APPLE_TEAM_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'baseline' }, 'IOS_BUNDLE_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example.' }, 'IOS_BUNDLE_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: '.org.example' }, 'IOS_BUNDLE_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org..baseline' }, 'IOS_BUNDLE_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example/baseline' }, 'IOS_BUNDLE_ID'],
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example_app.baseline' }, 'IOS_BUNDLE_ID'],
    // one of the pair alone: the error names the one that is missing
    [{ APPLE_TEAM_ID: 'A1B2C3D4E5' }, 'IOS_BUNDLE_ID is missing'],
    [{ IOS_BUNDLE_ID: 'org.example.baseline' }, 'APPLE_TEAM_ID is missing'],
  ])('%j is refused naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name}`));
  });

  it('accepts loopback http issuers, lists of client ids and "off"', () => {
    const c = loadConfig({
      GOOGLE_ISSUER: 'http://127.0.0.1:9999',
      GOOGLE_CLIENT_ID: 'web.apps, ios.apps',
      RATE_LIMITS: 'off',
      ACCESS_TOKEN_TTL: '900',
    });
    expect(c.google.issuer).toBe('http://127.0.0.1:9999');
    expect(c.google.clientIds).toEqual(['web.apps', 'ios.apps']);
    expect(c.rateLimits).toBe(false);
    expect(c.accessTokenTtlMs).toBe(900_000);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ REFRESH_REUSE_GRACE: '0' }).refreshReuseGraceMs).toBe(0);
    expect(loadConfig({ REFRESH_REUSE_GRACE: '30s' }).refreshReuseGraceMs).toBe(30_000);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12' }).trustProxy).toEqual(['10.0.0.1', '172.16.0.0/12']);
  });

  it('reads APPLE_TEAM_ID and IOS_BUNDLE_ID as a pair, unset by default', () => {
    expect(loadConfig({}).iosApp).toBeUndefined();
    expect(loadConfig({ APPLE_TEAM_ID: '', IOS_BUNDLE_ID: '' }).iosApp).toBeUndefined();
    expect(loadConfig({ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'org.example.baseline' }).iosApp).toEqual({
      teamId: 'A1B2C3D4E5',
      bundleId: 'org.example.baseline',
    });
    expect(loadConfig({ APPLE_TEAM_ID: '0123456789', IOS_BUNDLE_ID: 'Org.Example-2.Baseline-iOS' }).iosApp).toEqual({
      teamId: '0123456789',
      bundleId: 'Org.Example-2.Baseline-iOS',
    });
  });

  it('refuses APPLE_TEAM_ID without IOS_BUNDLE_ID in one line naming the missing variable', () => {
    expect(() => loadConfig({ APPLE_TEAM_ID: 'A1B2C3D4E5' })).toThrow(
      'Invalid configuration: IOS_BUNDLE_ID is missing: set it together with APPLE_TEAM_ID',
    );
    expect(() => loadConfig({ APPLE_TEAM_ID: 'A1B2C3D4E5', IOS_BUNDLE_ID: 'baseline' })).toThrow(
      /^Invalid configuration: IOS_BUNDLE_ID must be a reverse-DNS bundle id .* \(got "baseline"\)$/,
    );
  });

  it('stops the server at start with one clear line', async () => {
    const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', main], {
        env: { ...process.env, PORT: 'eighty' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(result.code).toBe(1);
    expect(result.err.trim()).toBe('Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty")');
  });
});
