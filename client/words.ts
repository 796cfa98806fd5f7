import type { Invite } from './types.ts';

/**
 * Sentences that the dashboard and the iOS app both show, kept with the client so the two
 * say the same thing (UI.md: each unusable invite in its own words).
 */
export const INVITE_WORDS: Record<'invalid' | 'expired' | 'exhausted' | 'revoked', string> = {
  invalid: 'This invite is not valid. Check the code for typos, or ask for a new link.',
  expired: 'This invite has expired. Ask the person who sent it for a new one.',
  exhausted: 'This invite has been used up: it reached its maximum number of uses.',
  revoked: 'This invite was revoked by an admin. Ask for a new one.',
};

/** "3 / 5", or "3 / ∞" when there is no maximum. */
export function inviteUses(invite: Pick<Invite, 'uses' | 'maxUses'>): string {
  return `${invite.uses} / ${invite.maxUses ?? '∞'}`;
}

/** The state badges' words (UI.md): Active, Expired, Used up, Revoked. */
export const INVITE_STATE_LABELS: Record<Invite['state'], string> = {
  active: 'Active',
  expired: 'Expired',
  exhausted: 'Used up',
  revoked: 'Revoked',
};

/** UI.md's warning, wherever admin is granted. */
export const GRANT_ADMIN_WARNING =
  'Granting admin access gives full control over all users and invite codes. Only assign admin to people you trust with full access to user and invite management.';

/** A typed invite code as the server stores it: upper case, separators and spaces dropped. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}
