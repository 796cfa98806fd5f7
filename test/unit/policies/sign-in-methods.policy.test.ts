import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { authorizeUnlink, decideUnlink, type LinkableProvider, type UnlinkDecision } from '../../../server/policies/sign-in-methods.policy.ts';
import { thrownCode } from './thrown-code.ts';

/** The account's sign-in methods × the provider to unlink → decision, written out. */
// prettier-ignore
const TABLE: [boolean, LinkableProvider[], LinkableProvider, UnlinkDecision][] = [
  // password  linked                unlink     decision
  [true,  ['google'],           'google', 'allow'],
  [false, ['google'],           'google', 'last_sign_in_method'],
  [false, ['google', 'apple'],  'google', 'allow'],
  [false, ['google', 'apple'],  'apple',  'allow'],
  [false, ['apple'],            'apple',  'last_sign_in_method'],
  [true,  [],                   'google', 'not_linked'],
  [false, ['apple'],            'google', 'not_linked'],
  [true,  ['apple'],            'google', 'not_linked'],
  [false, ['google', 'google'], 'google', 'last_sign_in_method'],
];

describe('unlinking a sign-in method (methods × provider)', () => {
  it.each(TABLE.map(([hasPassword, providers, provider, expected]) => ({ hasPassword, providers, provider, expected })))(
    'password $hasPassword, linked $providers, unlink $provider: $expected',
    ({ hasPassword, providers, provider, expected }) => {
      expect(decideUnlink({ hasPassword, providers }, provider)).toBe(expected);
    },
  );

  it.each([
    { hasPassword: false, providers: ['google'], provider: 'google', code: 'last_sign_in_method' },
    { hasPassword: true, providers: [], provider: 'apple', code: 'not_found' },
    { hasPassword: true, providers: ['apple'], provider: 'apple', code: 'none' },
  ] as const)('authorizeUnlink answers $code', ({ hasPassword, providers, provider, code }) => {
    expect(thrownCode(() => authorizeUnlink({ hasPassword, providers }, provider))).toBe(code);
  });

  it('names the provider that is not linked', () => {
    const refusal = (() => {
      try {
        authorizeUnlink({ hasPassword: true, providers: [] }, 'apple');
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe('No such linked Apple account.');
  });
});
