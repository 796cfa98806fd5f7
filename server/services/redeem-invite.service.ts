import type { InTransaction } from '../context.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import { countInviteUse, findInviteByCode, type InviteRow } from '../repositories/invites.repository.ts';
import { inviteState, inviteUsability, normalizeInviteCode } from '../lib/invite-codes.ts';

/**
 * The invite step of registration (password, Google and Apple alike), before any password
 * is hashed: required when REQUIRE_INVITE is on, checked whenever a code is given.
 * Returns the invite to redeem, or null when none is needed.
 */
export async function checkInvite(ctx: InTransaction, db: Db, code: string | undefined): Promise<InviteRow | null> {
  const given = code !== undefined && normalizeInviteCode(code) !== '';
  if (!given) {
    if (ctx.config.requireInvite) throw errors.inviteRequired();
    return null;
  }
  const invite = await findInviteByCode(db, normalizeInviteCode(code));
  const { reason } = inviteUsability(invite, ctx.clock.now());
  if (reason || !invite) throw errors.invite(reason ?? 'invalid');
  return invite;
}

/**
 * Counts the use inside the registration transaction. If the invite was used up, revoked
 * or expired since checkInvite, the conditional update fails and the reason is re-read.
 */
export async function redeemInvite(ctx: InTransaction, trx: Db, invite: InviteRow): Promise<void> {
  const now = ctx.clock.now();
  if (await countInviteUse(trx, invite.id, now.toISOString())) return;
  const fresh = await findInviteByCode(trx, invite.code);
  const state = fresh ? inviteState(fresh, now) : 'exhausted';
  throw errors.invite(state === 'active' ? 'exhausted' : state);
}
