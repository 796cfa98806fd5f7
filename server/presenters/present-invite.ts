import type { Static } from '@sinclair/typebox';
import type { Invite } from '../../contract/invites.ts';
import type { InviteRow } from '../repositories/invites.repository.ts';
import { formatInviteCode, inviteState } from '../lib/invite-codes.ts';

export type InviteWithCreator = InviteRow & { created_by_username: string | null };

/** The Invite object of API.md; `link` is PUBLIC_URL/register?invite=CODE. */
export function presentInvite(row: InviteWithCreator, publicUrl: string, now: Date): Static<typeof Invite> {
  const code = formatInviteCode(row.code);
  return {
    id: row.id,
    code,
    link: `${publicUrl}/register?invite=${code}`,
    label: row.label,
    maxUses: row.max_uses,
    uses: row.uses,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    createdBy:
      row.created_by_id && row.created_by_username
        ? { id: row.created_by_id, username: row.created_by_username }
        : null,
    state: inviteState(row, now),
  };
}
