import type { Actor } from '../context.ts';
import { errors } from '../errors.ts';

/**
 * Every action a route can need, and the rule for each, as data (roles map to actions).
 * Routes declare their action; the auth plugin calls `authorize` before the handler runs.
 */
export type Action =
  | 'me:read'
  | 'me:update'
  | 'me:export'
  | 'me:delete'
  | 'auth:logout'
  | 'auth:resume'
  | 'sessions:manage'
  | 'health:manage'
  | 'identities:manage'
  | 'users:manage'
  | 'invites:manage'
  | 'audit:read';

/**
 * What every route declares in `config.action`: the action its caller needs, or 'public' for a
 * route anyone may call (API.md's Public section, sign-in, the dashboard's files). There is no
 * default: a route that declares neither stops the server at start-up (auth.plugin.ts).
 */
export type RouteAccess = Action | 'public';

/** The action a route's declared access needs; null for a public route, which needs no caller at all. */
export function requiredAction(access: RouteAccess): Action | null {
  return access === 'public' ? null : access;
}

/** The "L" set of API.md: all that a disabled account may still do. */
export const LIMITED_ACTIONS: ReadonlySet<Action> = new Set(['me:read', 'me:export', 'me:delete', 'auth:logout']);

/**
 * Full access. `auth:resume` (a limited session becoming a full one) is here and not in the
 * limited set: a disabled account calling it is refused account_disabled by this rule alone.
 */
const USER_ACTIONS: ReadonlySet<Action> = new Set([
  ...LIMITED_ACTIONS,
  'auth:resume',
  'me:update',
  'sessions:manage',
  'health:manage',
  'identities:manage',
]);

export const ROLE_ACTIONS: Record<Actor['role'], ReadonlySet<Action>> = {
  user: USER_ACTIONS,
  admin: new Set([...USER_ACTIONS, 'users:manage', 'invites:manage', 'audit:read']),
};

export type Decision = 'allow' | 'account_disabled' | 'forbidden';

/** Pure decision, tested table-driven: actor × action → allowed? */
export function decide(actor: Pick<Actor, 'role' | 'status'>, action: Action): Decision {
  if (actor.status !== 'active' && !LIMITED_ACTIONS.has(action)) return 'account_disabled';
  return ROLE_ACTIONS[actor.role].has(action) ? 'allow' : 'forbidden';
}

/** Throws the API error for a refused action. */
export function authorize(actor: Pick<Actor, 'role' | 'status'>, action: Action): void {
  const d = decide(actor, action);
  if (d === 'account_disabled') throw errors.accountDisabled();
  if (d === 'forbidden') throw errors.forbidden();
}
