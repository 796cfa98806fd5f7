import { errors, type FieldError } from '../errors.ts';

/**
 * Changes to one's own account that a stolen access token alone must not be able to make:
 * deleting the account (DELETE /me) and replacing its password (PATCH /me with newPassword).
 */
export type SensitiveChange = 'me:delete' | 'me:change-password';

/** What the holder must show: the current password, the username typed out, or nothing. */
export type Proof = 'password' | 'typed_username' | 'none';

/**
 * Accounts with a password confirm with it. One that signs in only with Google or Apple has no
 * secret to show: it types its username to delete, and sets a first password without any proof
 * (the session is all it has, and a password only adds a way in for the same person).
 */
export function proofRequired(change: SensitiveChange, account: { hasPassword: boolean }): Proof {
  if (account.hasPassword) return 'password';
  return change === 'me:delete' ? 'typed_username' : 'none';
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
};

/** A missing and a mistyped username get the same words: the field says what to type. */
const USERNAME_REFUSAL: Words = {
  detail: 'Type your username to confirm.',
  error: { path: '/confirm', message: 'must be your username' },
};

/** Throws validation_failed, naming the field to fix, unless the proof the change needs was given and matched. */
export function authorizeReauthentication(change: SensitiveChange, proof: Proof, given: ProofGiven): void {
  const decision = decideReauthentication(proof, given);
  if (decision === 'allow' || proof === 'none') return;
  const { detail, error } = proof === 'password' ? PASSWORD_REFUSALS[change][decision] : USERNAME_REFUSAL;
  throw errors.validation(detail, [error]);
}
