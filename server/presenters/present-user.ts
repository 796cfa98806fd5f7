import type { Static } from '@sinclair/typebox';
import type { AdminUser as AdminUserSchema } from '../../contract/admin.ts';
import type { User } from '../../contract/auth.ts';
import type { AdminUserRow, UserRow } from '../repositories/users.repository.ts';

type AdminUser = Static<typeof AdminUserSchema>;

/** A user's own view. Built field by field: nothing from the row leaks by accident. */
export function presentUser(row: UserRow, authMethods: string[]): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    status: row.status,
    authMethods: authMethods as User['authMethods'],
    createdAt: row.created_at,
  };
}

/** The AdminUser object: a user's own view plus what an admin needs to manage them. */
export function presentAdminUser(row: AdminUserRow, authMethods: string[]): AdminUser {
  return {
    ...presentUser(row, authMethods),
    lastLoginAt: row.last_login_at,
    invitedBy:
      row.invited_by_id && row.inviter_username ? { id: row.invited_by_id, username: row.inviter_username } : null,
    invite: row.invite_ref ? { id: row.invite_ref, label: row.invite_label } : null,
  };
}
