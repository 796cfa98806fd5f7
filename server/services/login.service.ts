import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { clearLoginFailures, countLoginFailure } from '../repositories/login-failures.repository.ts';
import { findUserByLogin, type UserRow } from '../repositories/users.repository.ts';
import { verifyPassword } from '../lib/passwords.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

/** Failures against one login name within this window, at this count, make one audit event. */
export const FAILURE_BURST = { count: 5, windowMs: 15 * 60_000 };

function failureKey(login: string): string {
  return createHash('sha256').update(login.trim().toLowerCase()).digest('hex');
}

/** Counts a failed login and, at the burst's count, records it: one transaction, so the count that crossed the line always has its audit row. */
async function noteFailure(ctx: AppContext, login: string, user: UserRow | undefined, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const burst = await ctx.db.transaction().execute(async (trx) => {
    const failures = await countLoginFailure(
      trx,
      failureKey(login),
      now.toISOString(),
      new Date(now.getTime() - FAILURE_BURST.windowMs).toISOString(),
    );
    if (failures !== FAILURE_BURST.count) return false;
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.login_failure_burst',
        target: user ? `user:${user.id}` : null,
        detail: { failures, windowMinutes: FAILURE_BURST.windowMs / 60_000, ip, knownAccount: user !== undefined },
      },
      now,
    );
    return true;
  });
  if (burst) ctx.log.warn({ event: 'login_failure_burst', target: user?.id ?? null }, 'repeated failed logins');
}

/**
 * Username-or-email and password. Unknown users and wrong passwords get the same answer
 * after the same argon2 work. A disabled account still signs in, with a limited token.
 */
export async function loginWithPassword(
  ctx: AppContext,
  login: string,
  password: string,
  client: { userAgent?: string; ip: string },
): Promise<IssuedTokens> {
  const user = await findUserByLogin(ctx.db, login);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok) {
    await noteFailure(ctx, login, user, client.ip);
    throw errors.invalidCredentials();
  }
  return ctx.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, failureKey(login));
    return startSession(ctx, trx, user, client.userAgent);
  });
}
