import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import {
  authorizeLink,
  authorizeUnlink,
  decideLink,
  decideUnlink,
  type LinkableProvider,
  type LinkDecision,
  type UnlinkDecision,
} from '../../../server/policies/sign-in-methods.policy.ts';
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
  it.each(
    TABLE.map(([hasPassword, providers, provider, expected]) => ({ hasPassword, providers, provider, expected })),
  )(
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

/** The actor (id 'me') × who the identity signs in to today × the actor's linked providers → decision. */
// prettier-ignore
const LINK_TABLE: [string | undefined, LinkableProvider[], LinkableProvider, LinkDecision][] = [
  // owner     linked         link       decision
  [undefined, [],            'google', 'link'],
  [undefined, ['apple'],     'google', 'link'],
  [undefined, ['google'],    'google', 'provider_already_linked'],
  ['me',      ['google'],    'google', 'already_linked'],
  ['someone', [],            'google', 'identity_taken'],
  ['someone', ['google'],    'google', 'identity_taken'],
];

describe('linking an identity (owner × methods × provider)', () => {
  it.each(LINK_TABLE.map(([owner, providers, provider, expected]) => ({ owner, providers, provider, expected })))(
    'owned by $owner, linked $providers, link $provider: $expected',
    ({ owner, providers, provider, expected }) => {
      expect(decideLink({ id: 'me' }, { owner }, { hasPassword: true, providers }, provider)).toBe(expected);
    },
  );

  it.each([
    { owner: 'someone', providers: [], code: 'identity_taken' },
    { owner: undefined, providers: ['google'], code: 'provider_already_linked' },
    { owner: 'me', providers: ['google'], code: 'none' },
  ] as const)('authorizeLink answers $code', ({ owner, providers, code }) => {
    expect(thrownCode(() => authorizeLink({ id: 'me' }, { owner }, { hasPassword: false, providers }, 'google'))).toBe(
      code,
    );
  });
});
