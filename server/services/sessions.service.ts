import { createHash, randomBytes } from 'node:crypto';
import type { AppContext, InTransaction } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { SignInMethod } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { mayIssueRefreshToken, signsInLimited } from '../policies/session.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  endSession,
  findRefreshToken,
  insertRefreshToken,
  insertSession,
  spendRefreshToken,
  touchSession,
} from '../repositories/sessions.repository.ts';
import { findUserById, recordLogin, type UserRow } from '../repositories/users.repository.ts';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
  limited: boolean;
  user: UserRow;
}

/** Refresh tokens are 256 random bits; only their SHA-256 is stored, so a database dump cannot replay them. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Signs a user in: a session row, an access token, and — when session.policy.ts allows it, for
 * an active account only — a refresh token. A disabled account gets a short limited token.
 * Pass the transaction of the surrounding use case so that account and session commit together.
 * The session remembers how it began (`method`): reauthentication.policy.ts accepts a recent
 * provider sign-in as the proof an account without a password gives. A session that continues
 * another (POST /auth/resume) passes that one's `signedInAt` and method (null: a session from
 * before migration 006 recorded none): the sign-in is the credential check made then, not now.
 */
export async function startSession(
  ctx: InTransaction,
  db: Db,
  user: UserRow,
  userAgent: string | undefined,
  method: SignInMethod | null,
  continues?: { signedInAt: string },
): Promise<IssuedTokens> {
  const now = ctx.clock.now();
  const limited = signsInLimited(user);
  const sessionId = newId(now);
  const signedInAt = continues?.signedInAt ?? now.toISOString();
  const sessionExpires = limited
    ? new Date(now.getTime() + ctx.config.limitedAccessTokenTtlMs).toISOString()
    : sessionEnd(ctx, signedInAt, now);
  await insertSession(db, {
    id: sessionId,
    user_id: user.id,
    user_agent: userAgent?.slice(0, 256) ?? null,
    created_at: now.toISOString(),
    signed_in_at: signedInAt,
    last_used_at: now.toISOString(),
    expires_at: sessionExpires,
    sign_in_method: method,
  });
  await recordLogin(db, user.id, now.toISOString());
  const access = await ctx.tokens.issue(db, { sub: user.id, sid: sessionId }, { limited, sessionEnd: sessionExpires });
  let refreshToken: string | null = null;
  if (mayIssueRefreshToken(user)) {
    refreshToken = newRefreshToken();
    await insertRefreshToken(db, {
      id: newId(now),
      session_id: sessionId,
      token_hash: hashRefreshToken(refreshToken),
      created_at: now.toISOString(),
      expires_at: sessionExpires,
    });
  }
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshToken ? sessionExpires : null,
    limited,
    user: { ...user, last_login_at: now.toISOString() },
  };
}

type RefreshRow = NonNullable<Awaited<ReturnType<typeof findRefreshToken>>>;

/**
 * Where a full session ends when it is used at `now`: the earlier of its absolute end (sign-in +
 * REFRESH_TOKEN_TTL, which no refresh moves) and its idle end (now + REFRESH_IDLE_TTL, which each
 * refresh moves). Sessions, their refresh tokens and the TokenResponse all carry this one time.
 */
function sessionEnd(ctx: Pick<AppContext, 'config'>, signedInAt: string, now: Date): string {
  const absolute = new Date(signedInAt).getTime() + ctx.config.refreshTokenTtlMs;
  return new Date(Math.min(absolute, now.getTime() + ctx.config.refreshIdleTtlMs)).toISOString();
}

/**
 * Rotates a refresh token. The successor is derived from the spent token (refresh-successors.ts),
 * so a token presented again within REFRESH_REUSE_GRACE of its rotation — two browser tabs
 * refreshing at once — gets that same successor back with a fresh access token, as long as the
 * successor itself is unspent. Any other reuse of a spent token is a theft signal: the whole
 * session ends (recorded in the audit log) and the caller gets refresh_token_invalid.
 */
export async function refreshSession(ctx: AppContext, refreshToken: string): Promise<IssuedTokens> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const row = await findRefreshToken(trx, hashRefreshToken(refreshToken));
    if (!row || row.session_ended_at) return { kind: 'invalid' as const };
    const reuse = async () => {
      await endSession(trx, row.session_id, nowIso);
      await recordAudit(
        trx,
        { actorId: row.user_id, action: 'auth.refresh_token_reused', target: `session:${row.session_id}` },
        now,
      );
      return { kind: 'reused' as const };
    };
    // spent before, or by a concurrent request a moment ago: the same successor when still in grace
    const spentAgain = async (usedAt: string) =>
      (await reissueSuccessor(ctx, trx, row, refreshToken, usedAt, now)) ?? reuse();
    if (row.used_at) return spentAgain(row.used_at);
    // past its idle end (the token's own expiry) or its absolute end (sign-in + REFRESH_TOKEN_TTL)
    const expiresAt = sessionEnd(ctx, row.signed_in_at, now);
    if (row.expires_at <= nowIso || expiresAt <= nowIso) return { kind: 'invalid' as const };
    const user = await findUserById(trx, row.user_id);
    if (!user || !mayIssueRefreshToken(user)) return { kind: 'invalid' as const };
    if (!(await spendRefreshToken(trx, row.id, nowIso))) return spentAgain(nowIso);
    const next = ctx.refreshSuccessors.of(refreshToken);
    await insertRefreshToken(trx, {
      id: newId(now),
      session_id: row.session_id,
      token_hash: hashRefreshToken(next),
      created_at: nowIso,
      expires_at: expiresAt,
    });
    await touchSession(trx, row.session_id, nowIso, expiresAt);
    return { kind: 'ok' as const, tokens: await refreshedTokens(ctx, trx, user, row.session_id, next, expiresAt) };
  });
  if (outcome.kind === 'reused')
    ctx.log.warn({ event: 'refresh_token_reused' }, 'a spent refresh token was presented; its session was ended');
  if (outcome.kind !== 'ok') throw errors.refreshTokenInvalid();
  return outcome.tokens;
}

/**
 * The grace answer for a spent token: its successor again, when the token was spent less than
 * REFRESH_REUSE_GRACE ago and the successor is unspent, unexpired and of the same open session.
 * Undefined otherwise, and the caller treats the request as a reuse.
 */
async function reissueSuccessor(
  ctx: AppContext,
  trx: Db,
  row: RefreshRow,
  spentToken: string,
  usedAt: string,
  now: Date,
) {
  if (now.getTime() - new Date(usedAt).getTime() >= ctx.config.refreshReuseGraceMs) return undefined;
  const successor = ctx.refreshSuccessors.of(spentToken);
  const next = await findRefreshToken(trx, hashRefreshToken(successor));
  const nowIso = now.toISOString();
  if (!next || next.session_id !== row.session_id || next.used_at || next.expires_at <= nowIso) return undefined;
  const user = await findUserById(trx, row.user_id);
  if (!user || !mayIssueRefreshToken(user)) return undefined;
  await touchSession(trx, row.session_id, nowIso, next.expires_at);
  return {
    kind: 'ok' as const,
    tokens: await refreshedTokens(ctx, trx, user, row.session_id, successor, next.expires_at),
  };
}

async function refreshedTokens(
  ctx: AppContext,
  trx: Db,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
  refreshTokenExpiresAt: string,
): Promise<IssuedTokens> {
  const access = await ctx.tokens.issue(trx, { sub: user.id, sid: sessionId }, { sessionEnd: refreshTokenExpiresAt });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt,
    limited: false,
    user,
  };
}

/**
 * Logout: ends the bearer token's session and the session a refresh token belongs to (unknown
 * tokens are ignored), in one transaction, so a failure cannot end one and leave the other open.
 */
export async function logout(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  ends: { sessionId?: string; refreshToken?: string },
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (ends.sessionId) await endSession(trx, ends.sessionId, now);
    const row = ends.refreshToken ? await findRefreshToken(trx, hashRefreshToken(ends.refreshToken)) : undefined;
    if (row) await endSession(trx, row.session_id, now);
  });
}
