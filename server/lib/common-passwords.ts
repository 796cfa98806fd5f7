import { dictionary } from '@zxcvbn-ts/language-common';
import { Password } from '../../contract/common.ts';
import { errors } from '../errors.ts';

/** How many of the most used passwords are refused. */
export const COMMON_PASSWORD_COUNT = 10_000;

/**
 * The 10,000 most used passwords that the length rule alone would accept (8 characters or
 * more), lower-cased. The list is @zxcvbn-ts/language-common's `passwords-common`: passwords
 * from a public corpus of ten million leaked ones, lower-cased and ordered by how often they
 * occur (README, dependency notes). Shorter entries are skipped — the API refuses them anyway —
 * so all 10,000 places go to passwords someone could actually pick here. Built once, at import,
 * in a few milliseconds; a lookup is one Set probe.
 */
const COMMON: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const word of dictionary['passwords-common']) {
    if (word.length < (Password.minLength ?? 8)) continue;
    set.add(word.toLowerCase());
    if (set.size === COMMON_PASSWORD_COUNT) break;
  }
  return set;
})();

/** The account a password is for: it may not be the account's own name or email. */
export interface PasswordOwner {
  username: string;
  /** every email the account has or is about to have */
  emails: (string | null | undefined)[];
}

const fold = (s: string) => s.trim().toLowerCase();

/**
 * Whether a new password is one an attacker tries first: on the list (in any letter case),
 * one character repeated ("aaaaaaaa"), or the account's username, email or the email's name
 * part, compared case-insensitively and ignoring spaces around it.
 */
export function isTooCommon(password: string, owner: PasswordOwner): boolean {
  const p = fold(password);
  if (COMMON.has(p) || /^(.)\1*$/su.test(p)) return true;
  const own = [owner.username];
  for (const email of owner.emails) if (email) own.push(email, email.split('@')[0]);
  return own.some((s) => fold(s) === p);
}

/**
 * Throws password_too_common (400, naming the field) for a password isTooCommon refuses. Every
 * place that sets a password calls it: registration, setup, PATCH /me and the command line.
 */
export function refuseCommonPassword(password: string, owner: PasswordOwner, path: '/password' | '/newPassword') {
  if (isTooCommon(password, owner)) throw errors.passwordTooCommon(path);
}
