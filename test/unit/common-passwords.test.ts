import { describe, expect, it } from 'vitest';
import { isTooCommon } from '../../server/lib/common-passwords.ts';

const OWNER = { username: 'Margaret-H', emails: ['Margaret@Example.org', null] };

describe('which new passwords are too common', () => {
  // prettier-ignore
  it.each([
    // password                          refused  why
    ['password1',                         true,   'on the list'],
    ['PassWord1',                         true,   'on the list, in another case'],
    [' qwerty123 ',                       true,   'on the list, with spaces around'],
    ['monkey123',                         true,   'on the list, far down'],
    ['aaaaaaaa',                          true,   'one character repeated'],
    ['margaret-h',                        true,   'the username'],
    ['MARGARET@EXAMPLE.ORG',              true,   'the email'],
    ['margaret',                          true,   "the email's name part"],
    ['margaret-h1',                       false,  'more than the username'],
    ['correct horse battery staple',      false,  'a passphrase'],
    ['zq8#vLp2!x',                        false,  'random'],
  ] as const)('%s: %s (%s)', (password, refused, _why) => {
    expect(isTooCommon(password, OWNER)).toBe(refused);
  });

  it('knows an account without an email', () => {
    expect(isTooCommon('margaret@example.org', { username: 'someone', emails: [] })).toBe(false);
  });
});
