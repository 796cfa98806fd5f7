/** What the registration page says about a code that cannot be used (UI.md: each in its own words). */
export const INVITE_WORDS: Record<'invalid' | 'expired' | 'exhausted' | 'revoked', string> = {
  invalid: 'This invite is not valid. Check the code for typos, or ask for a new link.',
  expired: 'This invite has expired. Ask the person who sent it for a new one.',
  exhausted: 'This invite has been used up: it reached its maximum number of uses.',
  revoked: 'This invite was revoked by an admin. Ask for a new one.',
};
