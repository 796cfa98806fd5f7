import type { AppContext } from '../context.ts';
import { uniqueViolation } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findInviteById, insertInvite, revokeInvite, type InviteRow } from '../repositories/invites.repository.ts';
import { generateInviteCode } from '../lib/invite-codes.ts';

export interface NewInvite {
  label?: string | null;
  maxUses?: number | null;
  expiresAt?: string | null;
}

/** Creates an invite with a server-generated code, and records it in the audit log. */
export async function createInvite(ctx: AppContext, actorId: string, input: NewInvite): Promise<InviteRow> {
  const now = ctx.clock.now();
  if (input.expiresAt && new Date(input.expiresAt).getTime() <= now.getTime()) {
    throw errors.validation('The expiry must be in the future.', [
      { path: '/expiresAt', message: 'must be in the future' },
    ]);
  }
  const label = input.label?.trim() || null;
  // 74 random bits make a collision practically impossible; retry once anyway rather than fail
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const invite = await insertInvite(trx, {
          id: newId(now),
          code: generateInviteCode(),
          label,
          max_uses: input.maxUses ?? null,
          uses: 0,
          expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
          revoked_at: null,
          created_at: now.toISOString(),
          created_by_id: actorId,
        });
        await recordAudit(
          trx,
          {
            actorId,
            action: 'invite.created',
            target: `invite:${invite.id}`,
            detail: { label, maxUses: invite.max_uses, expiresAt: invite.expires_at },
          },
          now,
        );
        return invite;
      });
    } catch (err) {
      if (attempt < 2 && uniqueViolation(err)?.includes('code')) continue;
      throw err;
    }
  }
}

/** Revokes at once; accounts already created with the code are untouched. Idempotent. */
export async function revokeInviteById(ctx: AppContext, actorId: string, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const invite = await findInviteById(trx, id);
    if (!invite) throw errors.notFound('invite');
    const now = ctx.clock.now();
    if (await revokeInvite(trx, id, now.toISOString())) {
      await recordAudit(trx, { actorId, action: 'invite.revoked', target: `invite:${id}` }, now);
    }
  });
}
