import type { Actor } from '../context.ts';
import { errors } from '../errors.ts';

/**
 * Lock-out guards of user management: an admin cannot disable or delete their own account
 * through the admin routes (self-deletion goes through DELETE /me, with confirmation).
 * The "last active admin" rule needs the database and lives in the services' transactions.
 */
export function assertMayChangeUser(actor: Pick<Actor, 'id'> | null, targetId: string, change: { status?: string }): void {
  if (actor && actor.id === targetId && change.status === 'disabled') throw errors.cannotDisableSelf();
}

export function assertMayDeleteUser(actor: Pick<Actor, 'id'>, targetId: string): void {
  if (actor.id === targetId) throw errors.cannotDeleteSelf();
}

/** An account that counts towards "the server still has an active admin". */
export function isActiveAdmin(user: { role: string; status: string }): boolean {
  return user.role === 'admin' && user.status === 'active';
}

/** Whether a change leaves someone who was an active admin without that standing. */
export function losesActiveAdmin(before: { role: string; status: string }, after: { role: string; status: string }): boolean {
  return isActiveAdmin(before) && !isActiveAdmin(after);
}
