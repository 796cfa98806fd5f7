import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { newId } from '../../server/ids.ts';
import { insertUser, updateUser, type UserRow } from '../../server/repositories/users.repository.ts';
import { hashPassword } from '../../server/lib/passwords.ts';
import { body } from './test-app.ts';

export const PASSWORD = 'correct horse battery staple';

let hashed: Promise<string> | undefined;

/** Inserts a user through the real repository (password PASSWORD unless given). */
export async function createUser(
  ctx: AppContext,
  fields: {
    username: string;
    role?: 'admin' | 'user';
    status?: 'active' | 'disabled';
    email?: string;
    password?: string | null;
  },
): Promise<UserRow> {
  let passwordHash: string | null;
  if (fields.password === null) passwordHash = null;
  else if (fields.password === undefined) passwordHash = await (hashed ??= hashPassword(PASSWORD));
  else passwordHash = await hashPassword(fields.password);
  const now = ctx.clock.now();
  const user = await insertUser(ctx.db, {
    id: newId(now),
    username: fields.username,
    email: fields.email ?? null,
    passwordHash,
    role: fields.role ?? 'user',
    inviteId: null,
    invitedById: null,
    now: now.toISOString(),
  });
  if (fields.status === 'disabled')
    return (await updateUser(ctx.db, user.id, { status: 'disabled' }, now.toISOString()))!;
  return user;
}

/** Logs in over HTTP and returns the TokenResponse. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<any> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`);
  return body(res);
}
