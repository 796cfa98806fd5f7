import { describe, expect, it } from 'vitest';
import {
  authorize,
  decide,
  LIMITED_ACTIONS,
  requiredAction,
  ROLE_ACTIONS,
  type Action,
  type Decision,
} from '../../../server/policies/access.policy.ts';
import { thrownCode } from './thrown-code.ts';

/**
 * Route-level access, written out: every action × role/status with the decision API.md gives.
 * Literal on purpose — nothing here is derived from the constants under test.
 */
// prettier-ignore
const TABLE: [Action, Decision, Decision, Decision, Decision][] = [
  // action             admin/active admin/disabled   user/active  user/disabled
  ['me:read',             'allow', 'allow',            'allow',     'allow'],
  ['me:export',           'allow', 'allow',            'allow',     'allow'],
  ['me:delete',           'allow', 'allow',            'allow',     'allow'],
  ['auth:logout',         'allow', 'allow',            'allow',     'allow'],
  ['auth:resume',         'allow', 'account_disabled', 'allow',     'account_disabled'],
  ['me:update',           'allow', 'account_disabled', 'allow',     'account_disabled'],
  ['sessions:manage',     'allow', 'account_disabled', 'allow',     'account_disabled'],
  ['health:manage',       'allow', 'account_disabled', 'allow',     'account_disabled'],
  ['identities:manage',   'allow', 'account_disabled', 'allow',     'account_disabled'],
  ['users:manage',        'allow', 'account_disabled', 'forbidden', 'account_disabled'],
  ['invites:manage',      'allow', 'account_disabled', 'forbidden', 'account_disabled'],
  ['audit:read',          'allow', 'account_disabled', 'forbidden', 'account_disabled'],
];

const ACTORS = [
  { role: 'admin', status: 'active' },
  { role: 'admin', status: 'disabled' },
  { role: 'user', status: 'active' },
  { role: 'user', status: 'disabled' },
] as const;

const CASES = TABLE.flatMap(([action, ...expected]) =>
  ACTORS.map((actor, i) => ({ ...actor, action, expected: expected[i] })),
);

describe('access policy (actor role/status × action)', () => {
  it.each(CASES)('$role/$status → $action: $expected', ({ role, status, action, expected }) => {
    expect(decide({ role, status }, action)).toBe(expected);
  });

  it('has a row for every action an admin has, and no other', () => {
    expect(TABLE.map(([action]) => action).sort()).toEqual([...ROLE_ACTIONS.admin].sort());
  });

  it('keeps the limited set to exactly what API.md marks L', () => {
    expect([...LIMITED_ACTIONS].sort()).toEqual(['auth:logout', 'me:delete', 'me:export', 'me:read']);
  });

  it.each([
    { role: 'user', status: 'active', action: 'audit:read', code: 'forbidden' },
    { role: 'admin', status: 'disabled', action: 'users:manage', code: 'account_disabled' },
    { role: 'user', status: 'disabled', action: 'health:manage', code: 'account_disabled' },
  ] as const)('authorize throws $code for $role/$status → $action', ({ role, status, action, code }) => {
    expect(thrownCode(() => authorize({ role, status }, action))).toBe(code);
  });

  it('authorize lets an allowed action through', () => {
    expect(thrownCode(() => authorize({ role: 'user', status: 'disabled' }, 'me:export'))).toBe('none');
  });

  it("reads a route's declared access: 'public' needs no action, any other declaration is the action itself", () => {
    expect(requiredAction('public')).toBeNull();
    expect(requiredAction('users:manage')).toBe('users:manage');
    expect(requiredAction('me:read')).toBe('me:read');
  });
});
