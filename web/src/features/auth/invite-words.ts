/** What the registration page says about a code that cannot be used: shared with the iOS app. */
export { INVITE_WORDS } from '@client';
