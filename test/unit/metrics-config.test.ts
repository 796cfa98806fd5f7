import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { chooseLogFormat } from '../../server/plugins/log-output.ts';
import { requestIdGenerator, trustsPeer } from '../../server/plugins/request-id.ts';

/** A request as genReqId sees it: its headers and the address of the peer. */
const incoming = (remoteAddress: string, id?: string) =>
  ({
    headers: id === undefined ? {} : { 'x-request-id': id },
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

describe('METRICS_TOKEN, METRICS_PORT, LOG_FORMAT', () => {
  it('are unset by default: /metrics open on the public port, log format chosen by the terminal', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: undefined, metricsPort: undefined, logFormat: undefined });
  });

  it('reads good values', () => {
    const c = loadConfig({ METRICS_TOKEN: 'a-long-enough-token', METRICS_PORT: '9464', LOG_FORMAT: 'pretty' });
    expect(c).toMatchObject({ metricsToken: 'a-long-enough-token', metricsPort: 9464, logFormat: 'pretty' });
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT'],
    [{ METRICS_PORT: 'metrics' }, 'METRICS_PORT'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('the log format', () => {
  it('is readable lines on a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('TRUST_PROXY for request ids: whether the peer is a proxy we trust', () => {
  it('has the meaning it has for the client address', () => {
    expect(trustsPeer(false)('10.0.0.1')).toBe(false);
    expect(trustsPeer(true)('203.0.113.5')).toBe(true);
    expect(trustsPeer(1)('203.0.113.5')).toBe(true);
    expect(trustsPeer(0)('203.0.113.5')).toBe(false);
    const list = trustsPeer(['10.0.0.0/8', '::1']);
    expect([list('10.9.8.7'), list('::1'), list('192.0.2.1')]).toEqual([true, true, false]);
  });

  it('keeps a sane X-Request-Id from a trusted peer only, else makes a random one', () => {
    const generate = requestIdGenerator(['10.0.0.0/8']);
    expect(generate(incoming('10.0.0.2', 'lb-1234'))).toBe('lb-1234');
    expect(generate(incoming('192.0.2.1', 'lb-1234'))).not.toBe('lb-1234');
    expect(generate(incoming('10.0.0.2', 'no spaces allowed'))).not.toBe('no spaces allowed');
    const fresh = new Set(Array.from({ length: 100 }, () => generate(incoming('10.0.0.2'))));
    expect(fresh.size).toBe(100);
  });
});
