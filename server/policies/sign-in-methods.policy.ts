import { errors } from '../errors.ts';

/** The identity providers an account can link (contract/providers.ts's ProviderName). */
export type LinkableProvider = 'google' | 'apple';

/** How an account can sign in, as read by the service inside its transaction. */
export interface SignInMethods {
  hasPassword: boolean;
  /** the providers of its linked identities, one entry per identity */
  providers: readonly LinkableProvider[];
}

export type UnlinkDecision = 'allow' | 'not_linked' | 'last_sign_in_method';

/**
 * The holder may unlink a provider that is linked, unless that leaves the account with no
 * password and no other identity: nobody could ever sign in to it again.
 */
export function decideUnlink(methods: SignInMethods, provider: LinkableProvider): UnlinkDecision {
  if (!methods.providers.includes(provider)) return 'not_linked';
  const others = methods.providers.filter((p) => p !== provider);
  if (!methods.hasPassword && others.length === 0) return 'last_sign_in_method';
  return 'allow';
}

const PROVIDER_LABEL: Record<LinkableProvider, string> = { google: 'Google', apple: 'Apple' };

/** Throws not_found (no such linked account) or last_sign_in_method for a refused unlink. */
export function authorizeUnlink(methods: SignInMethods, provider: LinkableProvider): void {
  const decision = decideUnlink(methods, provider);
  if (decision === 'not_linked') throw errors.notFound(`linked ${PROVIDER_LABEL[provider]} account`);
  if (decision === 'last_sign_in_method') throw errors.lastSignInMethod();
}
