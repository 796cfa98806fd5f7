import type { AppContext } from '../context.ts';
import { uniqueViolation } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { emailOwner, insertUser, usernameExists } from '../repositories/users.repository.ts';
import { hashPassword } from './passwords.ts';
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
 * Password registration, in API.md's order: invite → username free → create the account
 * and count the invite use in one transaction. If the account cannot be created, the
 * transaction rolls back and the use is not counted.
 */
export async function registerAccount(ctx: AppContext, input: Registration, userAgent: string | undefined): Promise<IssuedTokens> {
  const invite = await checkInvite(ctx, ctx.db, input.inviteCode);
  if (await usernameExists(ctx.db, input.username)) throw errors.usernameTaken();
  if (input.email && (await emailOwner(ctx.db, input.email))) throw errors.emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (invite) await redeemInvite(ctx, trx, invite);
      const now = ctx.clock.now();
      const user = await insertUser(trx, {
        id: newId(now),
        username: input.username,
        email: input.email ?? null,
        passwordHash,
        role: 'user',
        inviteId: invite?.id ?? null,
        invitedById: invite?.created_by_id ?? null,
        now: now.toISOString(),
      });
      return startSession(ctx, trx, user, userAgent);
    });
  } catch (err) {
    rethrowUniqueness(err);
  }
}
