import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { findUserByLogin } from '../repositories/users.repository.ts';
import { verifyPassword } from './passwords.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

/**
 * Username-or-email and password. Unknown users and wrong passwords get the same answer
 * after the same argon2 work. A disabled account still signs in, with a limited token.
 */
export async function loginWithPassword(ctx: AppContext, login: string, password: string, userAgent: string | undefined): Promise<IssuedTokens> {
  const user = await findUserByLogin(ctx.db, login);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok) throw errors.invalidCredentials();
  return ctx.db.transaction().execute((trx) => startSession(ctx, trx, user, userAgent));
}
