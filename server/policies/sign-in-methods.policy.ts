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

export type LinkDecision = 'link' | 'already_linked' | 'identity_taken' | 'provider_already_linked';

/**
 * Linking an identity (provider and subject) to the actor's account: an identity that signs in to
 * another account is never moved (identity_taken), an account holds one identity per provider,
 * and linking the one it already has changes nothing. `owner` is the account that identity
 * signs in to today, if any, as read by the service inside its transaction.
 */
export function decideLink(
  actor: { id: string },
  identity: { owner: string | undefined },
  methods: SignInMethods,
  provider: LinkableProvider,
): LinkDecision {
  if (identity.owner !== undefined) return identity.owner === actor.id ? 'already_linked' : 'identity_taken';
  return methods.providers.includes(provider) ? 'provider_already_linked' : 'link';
}

/** Throws identity_taken or provider_already_linked; otherwise says whether there is anything to write. */
export function authorizeLink(
  actor: { id: string },
  identity: { owner: string | undefined },
  methods: SignInMethods,
  provider: LinkableProvider,
): 'link' | 'already_linked' {
  const decision = decideLink(actor, identity, methods, provider);
  if (decision === 'identity_taken') throw errors.identityTaken();
  if (decision === 'provider_already_linked') throw errors.providerAlreadyLinked();
  return decision;
}
