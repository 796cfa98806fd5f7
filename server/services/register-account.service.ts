import type { AppContext, InTransaction } from '../context.ts';
import { uniqueViolation } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Db } from '../db/database.ts';
import type { InviteRow } from '../repositories/invites.repository.ts';
import { emailOwner, insertUser, usernameExists, type UserRow } from '../repositories/users.repository.ts';
import { refuseCommonPassword } from '../lib/common-passwords.ts';
import { hashPassword } from '../lib/passwords.ts';
import { checkInvite, redeemInvite } from './redeem-invite.service.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

export interface Registration {
  username: string;
  password: string;
  email?: string;
  inviteCode?: string;
}

/** Maps a lost uniqueness race (two sign-ups for one name at once) to the API's 409 codes. */
export function rethrowUniqueness(err: unknown): never {
  const violated = uniqueViolation(err);
  if (violated?.includes('username')) throw errors.usernameTaken();
  if (violated?.includes('email')) throw errors.emailTaken();
  throw err;
}

/**
 * Creates a user account and counts its invite use, inside the caller's transaction: the one
 * path every registration takes (password, Google, Apple), so max uses hold for all of them.
 */
export async function createInvitedAccount(
  ctx: InTransaction,
  trx: Db,
  invite: InviteRow | null,
  fields: { username: string; email: string | null; passwordHash: string | null },
): Promise<UserRow> {
  if (invite) await redeemInvite(ctx, trx, invite);
  const now = ctx.clock.now();
  return insertUser(trx, {
    id: newId(now),
    ...fields,
    role: 'user',
    inviteId: invite?.id ?? null,
    invitedById: invite?.created_by_id ?? null,
    now: now.toISOString(),
  });
}

/**
 * Password registration, in API.md's order: body valid (the password not a common one) →
 * invite → username free → create the account and count the invite use in one transaction. If
 * the account cannot be created, the transaction rolls back and the use is not counted.
 */
export async function registerAccount(
  ctx: AppContext,
  input: Registration,
  userAgent: string | undefined,
): Promise<IssuedTokens> {
  refuseCommonPassword(input.password, { username: input.username, emails: [input.email] }, '/password');
  const invite = await checkInvite(ctx, ctx.db, input.inviteCode);
  if (await usernameExists(ctx.db, input.username)) throw errors.usernameTaken();
  if (input.email && (await emailOwner(ctx.db, input.email))) throw errors.emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const tokens = await ctx.db.transaction().execute(async (trx) => {
      const user = await createInvitedAccount(ctx, trx, invite, {
        username: input.username,
        email: input.email ?? null,
        passwordHash,
      });
      return startSession(ctx, trx, user, userAgent, 'password');
    });
    if (invite) ctx.metrics.inviteRedemptions.inc({ method: 'password' });
    return tokens;
  } catch (err) {
    rethrowUniqueness(err);
  }
}
