import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import {
  authorizeReauthentication,
  decideReauthentication,
  proofRequired,
  recentSignIn,
  type Proof,
  type ProofDecision,
  type SensitiveChange,
} from '../../../server/policies/reauthentication.policy.ts';

describe('re-authentication: which proof a change needs', () => {
  // prettier-ignore
  it.each([
    { change: 'me:delete',          hasPassword: true,  proof: 'password' },
    { change: 'me:delete',          hasPassword: false, proof: 'typed_username' },
    { change: 'me:change-password', hasPassword: true,  proof: 'password' },
    { change: 'me:change-password', hasPassword: false, proof: 'none' },
    { change: 'me:change-email',    hasPassword: true,  proof: 'password' },
    { change: 'me:change-email',    hasPassword: false, proof: 'recent_sign_in' },
  ] as const)('$change with password $hasPassword needs $proof', ({ change, hasPassword, proof }) => {
    expect(proofRequired(change, { hasPassword })).toBe(proof);
  });
});

describe('re-authentication: the proof given', () => {
  // prettier-ignore
  const TABLE: [Proof, boolean, boolean, ProofDecision][] = [
    // proof          given  matches decision
    ['password',       true,  true,  'allow'],
    ['password',       true,  false, 'proof_wrong'],
    ['password',       false, false, 'proof_missing'],
    ['typed_username', true,  true,  'allow'],
    ['typed_username', true,  false, 'proof_wrong'],
    ['typed_username', false, false, 'proof_missing'],
    ['recent_sign_in', true,  true,  'allow'],
    ['recent_sign_in', true,  false, 'proof_wrong'],
    ['recent_sign_in', false, false, 'proof_missing'],
    ['none',           false, false, 'allow'],
    ['none',           true,  false, 'allow'],
  ];
  it.each(TABLE.map(([proof, given, matches, expected]) => ({ proof, given, matches, expected })))(
    '$proof, given $given, matching $matches: $expected',
    ({ proof, given, matches, expected }) => {
      expect(decideReauthentication(proof, { given, matches })).toBe(expected);
    },
  );
});

describe('re-authentication: a session as proof of a recent provider sign-in', () => {
  const NOW = new Date('2026-11-29T10:00:00.000Z');
  // prettier-ignore
  it.each([
    // how it began  when                        given  matches
    ['google',        '2026-11-29T09:55:00.000Z', true,  true],
    ['apple',         '2026-11-29T09:50:00.000Z', true,  true],
    ['google',        '2026-11-29T09:49:59.999Z', true,  false],
    ['apple',         '2026-11-28T10:00:00.000Z', true,  false],
    ['google',        '2026-11-29T10:00:01.000Z', true,  false],
    ['password',      '2026-11-29T09:59:00.000Z', false, false],
    [null,            '2026-11-29T09:59:00.000Z', false, false],
  ] as const)('%s at %s: given %s, matching %s', (method, at, given, matches) => {
    expect(recentSignIn({ method, at: new Date(at) }, NOW)).toEqual({ given, matches });
  });
});

function refusal(change: SensitiveChange, proof: Proof, given: boolean, matches: boolean) {
  try {
    authorizeReauthentication(change, proof, { given, matches });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, detail: err.message, errors: err.errors };
  }
  return 'none';
}

describe('re-authentication: what a refusal says', () => {
  // prettier-ignore
  it.each([
    { change: 'me:delete', proof: 'password', given: false, matches: false,
      detail: 'Confirm with your password.', path: '/password', message: 'is required' },
    { change: 'me:delete', proof: 'password', given: true, matches: false,
      detail: 'The password is not right.', path: '/password', message: 'does not match' },
    { change: 'me:delete', proof: 'typed_username', given: false, matches: false,
      detail: 'Type your username to confirm.', path: '/confirm', message: 'must be your username' },
    { change: 'me:delete', proof: 'typed_username', given: true, matches: false,
      detail: 'Type your username to confirm.', path: '/confirm', message: 'must be your username' },
    { change: 'me:change-password', proof: 'password', given: false, matches: false,
      detail: 'Changing the password needs the current password.', path: '/currentPassword', message: 'is required to set a new password' },
    { change: 'me:change-password', proof: 'password', given: true, matches: false,
      detail: 'The current password is not right.', path: '/currentPassword', message: 'does not match' },
    { change: 'me:change-email', proof: 'password', given: false, matches: false,
      detail: 'Changing the email needs the current password.',
      path: '/currentPassword', message: 'is required to change the email' },
    { change: 'me:change-email', proof: 'password', given: true, matches: false,
      detail: 'The current password is not right.', path: '/currentPassword', message: 'does not match' },
    { change: 'me:change-email', proof: 'recent_sign_in', given: false, matches: false,
      detail: 'Sign in again with Google or Apple, then change the email within 10 minutes.',
      path: '/email', message: 'needs a Google or Apple sign-in from the last 10 minutes' },
    { change: 'me:change-email', proof: 'recent_sign_in', given: true, matches: false,
      detail: 'Sign in again with Google or Apple, then change the email within 10 minutes.',
      path: '/email', message: 'needs a Google or Apple sign-in from the last 10 minutes' },
  ] as const)('$change, $proof given $given: $path $message', ({ change, proof, given, matches, detail, path, message }) => {
    expect(refusal(change, proof, given, matches)).toEqual({ code: 'validation_failed', detail, errors: [{ path, message }] });
  });

  it.each([
    { change: 'me:delete', proof: 'password' },
    { change: 'me:delete', proof: 'typed_username' },
    { change: 'me:change-password', proof: 'password' },
    { change: 'me:change-password', proof: 'none' },
    { change: 'me:change-email', proof: 'password' },
    { change: 'me:change-email', proof: 'recent_sign_in' },
  ] as const)('$change lets a matching $proof through', ({ change, proof }) => {
    expect(refusal(change, proof, true, true)).toBe('none');
  });
});
