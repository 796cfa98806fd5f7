import type { User } from '../../contract/auth.ts';
import type { Db } from '../db/database.ts';
import { authMethodsFor, type UserRow } from '../repositories/users.repository.ts';

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

/** Loads the sign-in methods and presents one user. */
export async function loadAndPresentUser(db: Db, row: UserRow): Promise<User> {
  const methods = await authMethodsFor(db, [row]);
  return presentUser(row, methods.get(row.id) ?? []);
}
