import type { AppContext } from '../../server/context.ts';
import { newId } from '../../server/ids.ts';
import { insertInvite, type InviteRow } from '../../server/repositories/invites.repository.ts';
import { generateInviteCode } from '../../server/lib/invite-codes.ts';

/**
 * An invite in any state, inserted through the real repository, for the provider sign-up
 * tests: they need exhausted, revoked and expired invites without going through admin routes.
 */
export async function createInvite(
  ctx: AppContext,
  fields: {
    maxUses?: number | null;
    expiresAt?: string | null;
    revokedAt?: string | null;
    createdById?: string | null;
  } = {},
): Promise<InviteRow> {
  const now = ctx.clock.now();
  return insertInvite(ctx.db, {
    id: newId(now),
    code: generateInviteCode(),
    label: null,
    max_uses: fields.maxUses ?? null,
    uses: 0,
    expires_at: fields.expiresAt ?? null,
    revoked_at: fields.revokedAt ?? null,
    created_at: now.toISOString(),
    created_by_id: fields.createdById ?? null,
  });
}
