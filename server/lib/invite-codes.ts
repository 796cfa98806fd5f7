import { randomInt } from 'node:crypto';
import type { InviteRow } from '../repositories/invites.repository.ts';

/** No 0/O, 1/I/L: every character survives being read aloud or typed from a phone. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 5;

/** 15 characters of a 31-letter alphabet: log2(31^15) ≈ 74 bits from the CSPRNG. */
export function generateInviteCode(): string {
  let code = '';
  for (let i = 0; i < GROUPS * GROUP_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The stored form: upper case, separators and spaces dropped, so "k7qxm 4rtpw-9hjza" matches. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The printed form, in groups for reading aloud: "K7QXM-4RTPW-9HJZA". */
export function formatInviteCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? code;
}

export type InviteState = 'active' | 'expired' | 'exhausted' | 'revoked';

/** When several states apply, revoked wins over expired, which wins over exhausted (API.md). */
export function inviteState(
  invite: Pick<InviteRow, 'revoked_at' | 'expires_at' | 'max_uses' | 'uses'>,
  now: Date,
): InviteState {
  if (invite.revoked_at) return 'revoked';
  if (invite.expires_at && invite.expires_at <= now.toISOString()) return 'expired';
  if (invite.max_uses !== null && invite.uses >= invite.max_uses) return 'exhausted';
  return 'active';
}

export type InviteReason = 'invalid' | Exclude<InviteState, 'active'>;

/** Whether a looked-up code can be used now, and if not, why (an unknown code is "invalid"). */
export function inviteUsability(
  invite: Parameters<typeof inviteState>[0] | undefined,
  now: Date,
): { valid: boolean; reason: InviteReason | null } {
  if (!invite) return { valid: false, reason: 'invalid' };
  const state = inviteState(invite, now);
  return state === 'active' ? { valid: true, reason: null } : { valid: false, reason: state };
}
