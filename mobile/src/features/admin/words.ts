import type { AdminUser, Invite } from '@client';
import { relative } from '../../lib/format';

/*
 * User Management's sentences (UI.md), in the dashboard's words (web/src/features/admin/), so
 * an admin reads the same thing on the phone and on the web. Words both apps import live in
 * client/words.ts (GRANT_ADMIN_WARNING, INVITE_STATE_LABELS, inviteUses).
 */

/** The own row's note: why the admin's own account has no Disable or Delete here. */
export const SELF_TITLE = 'You cannot disable yourself';
export const SELF_EXPLANATION =
  'To prevent accidental lockout, admins cannot disable or delete their own account through the admin panel. Use the account deletion option in your own Settings.';

/** What Delete takes away, said before the admin can confirm. */
export const DELETE_TITLE = 'This action is permanent';
export const DELETE_WARNING =
  'Deleting a user permanently removes their account and all associated data (health records, check-ins, interventions, observations, lab results, integration tokens and export history). This cannot be undone.';

/** The Admin guide's Disable vs Delete table (README), one row per thing that changes. */
export const DISABLE_VS_DELETE: readonly { what: string; disable: string; del: string }[] = [
  {
    what: 'Signing in',
    disable: 'Still works, but gives only a 5-minute limited token',
    del: 'Impossible: the account is gone',
  },
  { what: 'Sessions already open', disable: 'Fall to the limited set at once', del: 'Ended at once' },
  {
    what: 'What the person can do',
    disable: 'Export their data, see their export history, delete their own account, sign out',
    del: 'Nothing',
  },
  {
    what: 'Their data',
    disable: 'Kept untouched',
    del: 'Removed for good, with their sign-in methods and sessions',
  },
  { what: 'Undo', disable: 'Enable again: full access, all data intact', del: 'Impossible' },
  { what: 'Username and email', disable: 'Stay reserved', del: 'Free for a new account' },
];

/** Revoking, in the product's words: who keeps what, and that it is immediate. */
export const REVOKE_TITLE = 'Revoke this invite?';
export const REVOKE_BODY = 'People who already registered keep their accounts; the link stops working at once.';

export const ROLE_LABELS: Record<AdminUser['role'], string> = { admin: 'Admin', user: 'User' };
export const STATUS_LABELS: Record<AdminUser['status'], string> = { active: 'Active', disabled: 'Disabled' };

const METHOD_LABELS: Record<AdminUser['authMethods'][number], string> = {
  password: 'Password',
  google: 'Google',
  apple: 'Apple',
};

/** "Password, Apple", or "No sign-in method" for an account that has none left. */
export function methodsText(methods: AdminUser['authMethods']): string {
  return methods.length === 0 ? 'No sign-in method' : methods.map((m) => METHOD_LABELS[m]).join(', ');
}

/** "last sign-in 3 hours ago", or "never signed in". */
export function lastSignInText(at: string | null, now: number = Date.now()): string {
  return at ? `last sign-in ${relative(at, now)}` : 'never signed in';
}

/** "expires in 6 days", "expired 2 days ago" or "never expires". */
export function expiryText(expiresAt: string | null, now: number = Date.now()): string {
  if (!expiresAt) return 'never expires';
  return Date.parse(expiresAt) <= now ? `expired ${relative(expiresAt, now)}` : `expires ${relative(expiresAt, now)}`;
}

/** Names an invite in a sentence: its label in quotes, or its code. */
export function inviteName(invite: Pick<Invite, 'label' | 'code'>): string {
  return invite.label ? `“${invite.label}”` : invite.code;
}

/** "0 of 2 uses" / "3 uses, unlimited": what a screen reader says for "0 / 2" and "3 / ∞". */
export function usesSpoken(invite: Pick<Invite, 'uses' | 'maxUses'>): string {
  return invite.maxUses === null ? `${invite.uses} uses, unlimited` : `${invite.uses} of ${invite.maxUses} uses`;
}
