import type { Actor } from '../context.ts';
import { errors } from '../errors.ts';

/**
 * What can be done to an account as a whole: an admin's promote, demote, enable, disable and
 * delete (admin routes and the command line), and the holder's own deletion (DELETE /me).
 * The route-level `users:manage` / `me:delete` checks of access.policy.ts run first; these rules
 * add what depends on who the subject is.
 */
export type UserAction = 'user:promote' | 'user:demote' | 'user:enable' | 'user:disable' | 'user:delete' | 'me:delete';

/**
 * Who acts: a signed-in account (an admin, or the holder for `me:delete`), or null for the
 * operator at the command line, who holds the server's files and so is never refused as "self".
 */
export type UserActor = Pick<Actor, 'id'> | null;

/** The account acted on, as the service read it inside its transaction. */
export interface UserSubject {
  id: string;
  role: Actor['role'];
  status: Actor['status'];
}

/**
 * What the rules need from the database: the number of active admins, counted by the service
 * inside the same transaction and under the admin lock, so two admins demoting each other at
 * once cannot both see "there is another one".
 */
export interface AdminCount {
  activeAdmins: number;
}

export type UserDecision = 'allow' | 'cannot_disable_self' | 'cannot_delete_self' | 'last_admin';

/** Actions after which the subject, if an active admin before, is one no longer. */
const ENDS_ADMIN_STANDING: ReadonlySet<UserAction> = new Set([
  'user:demote',
  'user:disable',
  'user:delete',
  'me:delete',
]);

/** An account that counts towards "the server still has an active admin". */
export function isActiveAdmin(user: { role: string; status: string }): boolean {
  return user.role === 'admin' && user.status === 'active';
}

/**
 * Lock-out guards, as a pure decision. An admin cannot disable or delete their own account
 * through the admin routes (self-deletion is `me:delete`, with confirmation), and nobody —
 * not even the command line — may leave the server without an active admin.
 */
export function decideUserAction(
  actor: UserActor,
  action: UserAction,
  subject: UserSubject,
  count: AdminCount,
): UserDecision {
  const self = actor !== null && actor.id === subject.id;
  if (self && action === 'user:disable') return 'cannot_disable_self';
  if (self && action === 'user:delete') return 'cannot_delete_self';
  if (ENDS_ADMIN_STANDING.has(action) && isActiveAdmin(subject) && count.activeAdmins <= 1) return 'last_admin';
  return 'allow';
}

/** Throws the API error (cannot_disable_self, cannot_delete_self, last_admin) for a refused action. */
export function authorizeUserAction(
  actor: UserActor,
  action: UserAction,
  subject: UserSubject,
  count: AdminCount,
): void {
  const decision = decideUserAction(actor, action, subject, count);
  if (decision === 'cannot_disable_self') throw errors.cannotDisableSelf();
  if (decision === 'cannot_delete_self') throw errors.cannotDeleteSelf();
  if (decision === 'last_admin') throw errors.lastAdmin();
}

/**
 * The actions a PATCH of role and/or status asks for — as asked, whether or not the subject
 * already has that role or status. The status action comes first, so that an admin disabling
 * and demoting themselves is told cannot_disable_self rather than last_admin.
 */
export function userActionsOf(change: { role?: Actor['role']; status?: Actor['status'] }): UserAction[] {
  const actions: UserAction[] = [];
  if (change.status) actions.push(change.status === 'disabled' ? 'user:disable' : 'user:enable');
  if (change.role) actions.push(change.role === 'user' ? 'user:demote' : 'user:promote');
  return actions;
}

/** Authorizes every action of a PATCH, in the order of userActionsOf; the first refusal is thrown. */
export function authorizeUserChange(
  actor: UserActor,
  change: { role?: Actor['role']; status?: Actor['status'] },
  subject: UserSubject,
  count: AdminCount,
): void {
  for (const action of userActionsOf(change)) authorizeUserAction(actor, action, subject, count);
}
