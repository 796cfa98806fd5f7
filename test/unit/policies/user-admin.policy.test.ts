import { describe, expect, it } from 'vitest';
import {
  authorizeUserAction,
  authorizeUserChange,
  decideUserAction,
  userActionsOf,
  type UserAction,
  type UserDecision,
} from '../../../server/policies/user-admin.policy.ts';
import { thrownCode } from './thrown-code.ts';

/** Who acts on the subject `s` (id 'S'): another admin, the subject themselves, the command line. */
const ACTOR = { other: { id: 'A' }, self: { id: 'S' }, cli: null } as const;
type ActorKey = keyof typeof ACTOR;

/**
 * Actor × action × subject (role/status) × active admins on the server → decision, written out.
 * Subjects: 'admin/active' counts towards the active admins, the others do not.
 */
// prettier-ignore
const TABLE: [ActorKey, UserAction, 'admin/active' | 'admin/disabled' | 'user/active', number, UserDecision][] = [
  // actor   action          subject           admins  decision
  ['other', 'user:disable', 'admin/active',   2, 'allow'],
  ['other', 'user:disable', 'admin/active',   1, 'last_admin'],
  ['other', 'user:disable', 'user/active',    1, 'allow'],
  ['other', 'user:disable', 'admin/disabled', 1, 'allow'],
  ['self',  'user:disable', 'admin/active',   2, 'cannot_disable_self'],
  ['self',  'user:disable', 'admin/active',   1, 'cannot_disable_self'],
  ['cli',   'user:disable', 'admin/active',   2, 'allow'],
  ['cli',   'user:disable', 'admin/active',   1, 'last_admin'],
  ['other', 'user:demote',  'admin/active',   2, 'allow'],
  ['other', 'user:demote',  'admin/active',   1, 'last_admin'],
  ['other', 'user:demote',  'admin/disabled', 1, 'allow'],
  ['self',  'user:demote',  'admin/active',   2, 'allow'],
  ['self',  'user:demote',  'admin/active',   1, 'last_admin'],
  ['cli',   'user:demote',  'admin/active',   1, 'last_admin'],
  ['other', 'user:enable',  'admin/disabled', 1, 'allow'],
  ['self',  'user:enable',  'admin/active',   1, 'allow'],
  ['other', 'user:promote', 'user/active',    1, 'allow'],
  ['self',  'user:promote', 'admin/active',   1, 'allow'],
  ['cli',   'user:promote', 'user/active',    0, 'allow'],
  ['other', 'user:delete',  'user/active',    1, 'allow'],
  ['other', 'user:delete',  'admin/active',   2, 'allow'],
  ['other', 'user:delete',  'admin/active',   1, 'last_admin'],
  ['other', 'user:delete',  'admin/disabled', 1, 'allow'],
  ['self',  'user:delete',  'admin/active',   2, 'cannot_delete_self'],
  ['self',  'user:delete',  'user/active',    1, 'cannot_delete_self'],
  ['self',  'me:delete',    'user/active',    1, 'allow'],
  ['self',  'me:delete',    'admin/active',   2, 'allow'],
  ['self',  'me:delete',    'admin/active',   1, 'last_admin'],
  ['self',  'me:delete',    'admin/disabled', 1, 'allow'],
];

const CASES = TABLE.map(([actor, action, subject, activeAdmins, expected]) => ({
  actor,
  action,
  subject,
  activeAdmins,
  expected,
}));

function subjectOf(key: string) {
  const [role, status] = key.split('/') as ['admin' | 'user', 'active' | 'disabled'];
  return { id: 'S', role, status };
}

describe('user administration policy (actor × action × subject × admin count)', () => {
  it.each(CASES)(
    '$actor $action on $subject with $activeAdmins active admin(s): $expected',
    ({ actor, action, subject, activeAdmins, expected }) => {
      expect(decideUserAction(ACTOR[actor], action, subjectOf(subject), { activeAdmins })).toBe(expected);
    },
  );

  it.each([
    {
      decision: 'cannot_disable_self',
      code: 'cannot_disable_self',
      run: () => authorizeUserAction({ id: 'S' }, 'user:disable', subjectOf('user/active'), { activeAdmins: 3 }),
    },
    {
      decision: 'cannot_delete_self',
      code: 'cannot_delete_self',
      run: () => authorizeUserAction({ id: 'S' }, 'user:delete', subjectOf('user/active'), { activeAdmins: 3 }),
    },
    {
      decision: 'last_admin',
      code: 'last_admin',
      run: () => authorizeUserAction(null, 'user:delete', subjectOf('admin/active'), { activeAdmins: 1 }),
    },
    {
      decision: 'allow',
      code: 'none',
      run: () => authorizeUserAction({ id: 'A' }, 'user:delete', subjectOf('admin/active'), { activeAdmins: 2 }),
    },
  ])('authorizeUserAction answers $decision with $code', ({ run, code }) => {
    expect(thrownCode(run)).toBe(code);
  });
});

describe('a PATCH of role and status', () => {
  // prettier-ignore
  it.each([
    { change: {},                                   actions: [] },
    { change: { role: 'admin' },                    actions: ['user:promote'] },
    { change: { role: 'user' },                     actions: ['user:demote'] },
    { change: { status: 'active' },                 actions: ['user:enable'] },
    { change: { status: 'disabled' },               actions: ['user:disable'] },
    { change: { role: 'user', status: 'disabled' }, actions: ['user:disable', 'user:demote'] },
    { change: { role: 'admin', status: 'active' },  actions: ['user:enable', 'user:promote'] },
  ] as const)('$change asks for $actions', ({ change, actions }) => {
    expect(userActionsOf(change)).toEqual(actions);
  });

  // prettier-ignore
  it.each([
    { actor: 'self',  change: { role: 'user', status: 'disabled' }, subject: 'admin/active',   admins: 1, code: 'cannot_disable_self' },
    { actor: 'self',  change: { role: 'user', status: 'active' },   subject: 'admin/active',   admins: 1, code: 'last_admin' },
    { actor: 'other', change: { role: 'user', status: 'disabled' }, subject: 'admin/active',   admins: 1, code: 'last_admin' },
    { actor: 'other', change: { role: 'user', status: 'disabled' }, subject: 'admin/active',   admins: 2, code: 'none' },
    { actor: 'cli',   change: { role: 'user' },                     subject: 'user/active',    admins: 1, code: 'none' },
    { actor: 'cli',   change: { status: 'active' },                 subject: 'admin/disabled', admins: 0, code: 'none' },
    { actor: 'self',  change: { status: 'disabled' },               subject: 'admin/disabled', admins: 2, code: 'cannot_disable_self' },
  ] as const)('$actor sets $change on $subject with $admins active admin(s): $code', ({ actor, change, subject, admins, code }) => {
    expect(thrownCode(() => authorizeUserChange(ACTOR[actor], change, subjectOf(subject), { activeAdmins: admins }))).toBe(code);
  });
});
