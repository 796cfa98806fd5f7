import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, open, parseBase64Key, seal } from '../../server/lib/crypto.ts';

describe('the one crypto module', () => {
  const key = randomBytes(32);

  it('opens what it sealed, only with the same key and the same bound context', () => {
    const sealed = seal(key, 'a token', 'integrations:1:access_token');
    expect(open(key, sealed, 'integrations:1:access_token')).toBe('a token');
    expect(() => open(key, sealed, 'integrations:2:access_token')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'integrations:1:access_token')).toThrow();
  });

  it('refuses a tampered ciphertext and a truncated tag', () => {
    const sealed = seal(key, 'a token');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => open(key, { ...sealed, ciphertext: flipped })).toThrow();
    expect(() => open(key, { ...sealed, tag: sealed.tag.subarray(0, 4) })).toThrow('wrong length');
  });

  it('reads a 32-byte base64 key and nothing else', () => {
    const text = randomBytes(32).toString('base64');
    expect(parseBase64Key(`${text}\n`)?.length).toBe(32);
    expect(parseBase64Key(randomBytes(16).toString('base64'))).toBeNull();
    expect(parseBase64Key('not a key at all, not base64!')).toBeNull();
  });

  it('compares secrets of any length', () => {
    expect(constantTimeEqual('same secret', 'same secret')).toBe(true);
    expect(constantTimeEqual('same secret', 'same secreT')).toBe(false);
    expect(constantTimeEqual('short', 'a much longer secret')).toBe(false);
  });
});
