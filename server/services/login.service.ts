import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  clearLoginFailures,
  recordLoginFailure,
  reserveLoginAttempt,
} from '../repositories/login-failures.repository.ts';
import { findUserByLogin, type UserRow } from '../repositories/users.repository.ts';
import { verifyPassword } from '../lib/passwords.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

/** Failures against one account within this window, at this count, make one audit event. */
export const FAILURE_BURST = { count: 5, windowMs: 15 * 60_000 };

/**
 * The per-account limit: at most this many password checks per account (or per unknown login
 * name) in a window that starts at the first attempt; every attempt past it, from any address
 * and with the right password too, is answered 429 rate_limited until the window ends. The
 * per-address limits of rate-limit.plugin.ts cannot see a guesser who spreads over many addresses.
 */
export const ACCOUNT_LOCKOUT = { attempts: 10, windowMs: FAILURE_BURST.windowMs };

/**
 * The row a login's attempts are counted under: the account when the name or email is known
 * (so its username and email share one budget), else the lower-cased name. Hashed, so the
 * table holds neither attempted names nor account ids.
 */
function attemptKey(login: string, user: UserRow | undefined): string {
  const subject = user ? `user:${user.id}` : `login:${login.trim().toLowerCase()}`;
  return createHash('sha256').update(subject).digest('hex');
}

/**
 * Counts the attempt before any password is checked, so that simultaneous guesses from many
 * addresses and processes are each counted; throws rate_limited, with the seconds left in the
 * window, once the account has had its ACCOUNT_LOCKOUT.attempts. Known and unknown names take
 * the same path and the same answer.
 */
async function reserveAttempt(ctx: AppContext, key: string): Promise<void> {
  const now = ctx.clock.now();
  const window = await reserveLoginAttempt(
    ctx.db,
    key,
    now.toISOString(),
    new Date(now.getTime() - ACCOUNT_LOCKOUT.windowMs).toISOString(),
  );
  if (window.attempts <= ACCOUNT_LOCKOUT.attempts) return;
  const endsAt = new Date(window.windowStart).getTime() + ACCOUNT_LOCKOUT.windowMs;
  throw errors.rateLimited(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
}

/**
 * Counts a failed password check and, at the burst's count and at the lockout's, records it: one
 * transaction, so the count that crossed the line always has its audit row.
 */
async function noteFailure(ctx: AppContext, key: string, user: UserRow | undefined, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const event = await ctx.db.transaction().execute(async (trx) => {
    const failures = await recordLoginFailure(trx, key);
    const action =
      failures === FAILURE_BURST.count
        ? 'auth.login_failure_burst'
        : failures === ACCOUNT_LOCKOUT.attempts
          ? 'auth.login_locked'
          : null;
    if (!action) return null;
    await recordAudit(
      trx,
      {
        actorId: null,
        action,
        target: user ? `user:${user.id}` : null,
        detail: { failures, windowMinutes: FAILURE_BURST.windowMs / 60_000, ip, knownAccount: user !== undefined },
      },
      now,
    );
    return action;
  });
  if (event === 'auth.login_failure_burst')
    ctx.log.warn({ event: 'login_failure_burst', target: user?.id ?? null }, 'repeated failed logins');
  if (event === 'auth.login_locked')
    ctx.log.warn({ event: 'login_locked', target: user?.id ?? null }, 'sign-in paused after repeated failures');
}

/**
 * Username-or-email and password. Unknown users and wrong passwords get the same answer
 * after the same argon2 work, and the same 429 once their attempts run out. A disabled
 * account still signs in, with a limited token.
 */
export async function loginWithPassword(
  ctx: AppContext,
  login: string,
  password: string,
  client: { userAgent?: string; ip: string },
): Promise<IssuedTokens> {
  const user = await findUserByLogin(ctx.db, login);
  const key = attemptKey(login, user);
  await reserveAttempt(ctx, key);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok) {
    await noteFailure(ctx, key, user, client.ip);
    throw errors.invalidCredentials();
  }
  return ctx.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, key);
    return startSession(ctx, trx, user, client.userAgent, 'password');
  });
}
