import { errors, type FieldError } from '../errors.ts';

/**
 * Changes to one's own account that a stolen access token (or an unattended signed-in device)
 * alone must not be able to make: deleting the account (DELETE /me), replacing its password
 * (PATCH /me with newPassword) and replacing its email (PATCH /me with a different email), which
 * would hand the address — and whatever is recovered through it — to whoever holds the session.
 */
export type SensitiveChange = 'me:delete' | 'me:change-password' | 'me:change-email';

/**
 * What the holder must show: the current password, the username typed out, a provider sign-in
 * made within RECENT_SIGN_IN_MS (the session's own start), or nothing.
 */
export type Proof = 'password' | 'typed_username' | 'recent_sign_in' | 'none';

/**
 * Accounts with a password confirm with it. One that signs in only with Google or Apple has no
 * secret to show: it types its username to delete, sets a first password without any proof
 * (the session is all it has, and a password only adds a way in for the same person), and
 * changes its email only from a session that Google or Apple signed in a few minutes ago.
 */
export function proofRequired(change: SensitiveChange, account: { hasPassword: boolean }): Proof {
  if (account.hasPassword) return 'password';
  if (change === 'me:delete') return 'typed_username';
  return change === 'me:change-email' ? 'recent_sign_in' : 'none';
}

/** How long after a Google or Apple sign-in its session may change the email of an account without a password. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

/** How the current session began, as sessions.sign_in_method and signed_in_at record it. */
export interface SessionStart {
  method: 'password' | 'google' | 'apple' | null;
  at: Date;
}

/**
 * The proof a session gives by itself: it was begun by a provider sign-in (given) no more than
 * RECENT_SIGN_IN_MS ago (matches). Refreshing tokens keeps a session's start, so only signing
 * in again renews it.
 */
export function recentSignIn(session: SessionStart, now: Date): ProofGiven {
  const given = session.method === 'google' || session.method === 'apple';
  const age = now.getTime() - session.at.getTime();
  return { given, matches: given && age >= 0 && age <= RECENT_SIGN_IN_MS };
}

/** What the service found when it checked the proof given: was one sent, and did it match. */
export interface ProofGiven {
  given: boolean;
  matches: boolean;
}

export type ProofDecision = 'allow' | 'proof_missing' | 'proof_wrong';

/** Pure decision on the proof the service checked (argon2 and username comparison happen there). */
export function decideReauthentication(proof: Proof, given: ProofGiven): ProofDecision {
  if (proof === 'none') return 'allow';
  if (!given.given) return 'proof_missing';
  return given.matches ? 'allow' : 'proof_wrong';
}

type Refusal = Exclude<ProofDecision, 'allow'>;
type Words = { detail: string; error: FieldError };

/** The words and field of each refusal of a password, as validation_failed naming the field to fix. */
const PASSWORD_REFUSALS: Record<SensitiveChange, Record<Refusal, Words>> = {
  'me:delete': {
    proof_missing: { detail: 'Confirm with your password.', error: { path: '/password', message: 'is required' } },
    proof_wrong: { detail: 'The password is not right.', error: { path: '/password', message: 'does not match' } },
  },
  'me:change-password': {
    proof_missing: {
      detail: 'Changing the password needs the current password.',
      error: { path: '/currentPassword', message: 'is required to set a new password' },
    },
    proof_wrong: {
      detail: 'The current password is not right.',
      error: { path: '/currentPassword', message: 'does not match' },
    },
  },
  'me:change-email': {
    proof_missing: {
      detail: 'Changing the email needs the current password.',
      error: { path: '/currentPassword', message: 'is required to change the email' },
    },
    proof_wrong: {
      detail: 'The current password is not right.',
      error: { path: '/currentPassword', message: 'does not match' },
    },
  },
};

/** A missing and a mistyped username get the same words: the field says what to type. */
const USERNAME_REFUSAL: Words = {
  detail: 'Type your username to confirm.',
  error: { path: '/confirm', message: 'must be your username' },
};

/** No provider sign-in, an old one and a password sign-in get the same words: the fix is to sign in again. */
const RECENT_SIGN_IN_REFUSAL: Words = {
  detail: 'Sign in again with Google or Apple, then change the email within 10 minutes.',
  error: { path: '/email', message: 'needs a Google or Apple sign-in from the last 10 minutes' },
};

/**
 * Throws validation_failed, naming the field to fix, unless the proof the change needs was given
 * and matched — the same code a wrong or missing current password has always had.
 */
export function authorizeReauthentication(change: SensitiveChange, proof: Proof, given: ProofGiven): void {
  const decision = decideReauthentication(proof, given);
  if (decision === 'allow' || proof === 'none') return;
  const { detail, error } =
    proof === 'password'
      ? PASSWORD_REFUSALS[change][decision]
      : proof === 'recent_sign_in'
        ? RECENT_SIGN_IN_REFUSAL
        : USERNAME_REFUSAL;
  throw errors.validation(detail, [error]);
}
