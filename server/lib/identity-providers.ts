import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { OidcIssuer } from './oidc-verifier.ts';

export type ProviderName = 'google' | 'apple';

/** A configured sign-in provider: who it is, which client ids it serves, and its token checker. */
export interface IdentityProvider {
  name: ProviderName;
  label: string;
  /** accepted audiences; for Google the first is the web client used by the browser flow */
  clientIds: string[];
  /** only Google's web flow needs one */
  clientSecret: string | undefined;
  issuer: OidcIssuer;
}

const GOOGLE_DEFAULT_ISSUER = 'https://accounts.google.com';

/**
 * The `iss` values a provider's tokens may carry. Google signs some tokens with the bare
 * host form of its issuer; an overridden issuer (a test or private deployment) is exact.
 */
export function acceptedIssuers(name: ProviderName, issuer: string): string[] {
  if (name === 'google' && issuer === GOOGLE_DEFAULT_ISSUER) return [GOOGLE_DEFAULT_ISSUER, 'accounts.google.com'];
  return [issuer];
}

/** One registry per built app, so the key caches are shared by every route and live as long as the app. */
const registries = new WeakMap<AppContext, Map<ProviderName, IdentityProvider | null>>();

function build(ctx: AppContext, name: ProviderName): IdentityProvider | null {
  const settings = name === 'google' ? ctx.config.google : ctx.config.apple;
  if (settings.clientIds.length === 0) return null;
  const label = name === 'google' ? 'Google' : 'Apple';
  return {
    name,
    label,
    clientIds: settings.clientIds,
    clientSecret: name === 'google' ? ctx.config.google.clientSecret : undefined,
    issuer: new OidcIssuer(
      {
        label,
        issuer: settings.issuer,
        acceptedIssuers: acceptedIssuers(name, settings.issuer),
        clientIds: settings.clientIds,
      },
      ctx.clock,
      ctx.log,
    ),
  };
}

/** The provider if its client id is configured, or null (GET /server reports the same). */
export function findProvider(ctx: AppContext, name: ProviderName): IdentityProvider | null {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new Map()));
  if (!registry.has(name)) registry.set(name, build(ctx, name));
  return registry.get(name) ?? null;
}

/** For routes: an unconfigured provider answers 404 not_found, like a route that does not exist here. */
export function requireProvider(ctx: AppContext, name: ProviderName): IdentityProvider {
  const provider = findProvider(ctx, name);
  if (!provider)
    throw errors.notFound(`${name === 'google' ? 'Google' : 'Apple'} sign-in on this server (it is not configured)`);
  return provider;
}
