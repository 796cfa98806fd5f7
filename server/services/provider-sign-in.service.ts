import type { AppContext } from '../context.ts';
import { uniqueViolation } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { findIdentity, insertIdentity } from '../repositories/identities.repository.ts';
import { emailOwner, findUserById, usernameExists } from '../repositories/users.repository.ts';
import type { IdentityProvider } from '../lib/identity-providers.ts';
import type { VerifiedIdToken } from '../lib/oidc-verifier.ts';
import { pickUsername } from '../lib/provider-usernames.ts';
import { checkInvite } from './redeem-invite.service.ts';
import { createInvitedAccount, rethrowUniqueness } from './register-account.service.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';
import { spendIdToken } from './provider-nonce.service.ts';

export interface ProviderSignIn {
  idToken: string;
  nonce?: string;
  inviteCode?: string;
  username?: string;
  fullName?: string;
}

export interface ProviderSignInResult {
  tokens: IssuedTokens;
  /** true when this sign-in created the account (201), false for a known identity (200) */
  created: boolean;
}

/** A derived username can lose a race to a simultaneous sign-up; try a fresh one a few times. */
const ATTEMPTS = 3;

/**
 * Google or Apple sign-in, native and web alike. The verified (provider, sub) pair is the
 * only thing that finds an account: a known identity logs in (limited when the account is
 * disabled, through the same startSession as a password login); a new one registers under
 * the invite rules of a password registration. An email that already belongs to an account
 * is refused with email_in_use, so no account is ever taken over by a matching email.
 * The token is spent in the sign-in's own transaction (provider-nonce.service.ts): presented
 * again it is provider_token_replayed, and a server nonce it was minted for cannot serve twice.
 * A server nonce stays optional here (API.md), for apps that predate POST /auth/nonce.
 */
export async function signInWithProvider(
  ctx: AppContext,
  provider: IdentityProvider,
  input: ProviderSignIn,
  userAgent: string | undefined,
): Promise<ProviderSignInResult> {
  const identity = await provider.issuer.verifyIdToken(input.idToken, input.nonce);
  const known = await loginKnownIdentity(ctx, provider, identity, userAgent);
  if (known) return { tokens: known, created: false };
  return registerWithIdentity(ctx, provider, identity, input, userAgent);
}

async function loginKnownIdentity(
  ctx: AppContext,
  provider: IdentityProvider,
  identity: VerifiedIdToken,
  userAgent: string | undefined,
): Promise<IssuedTokens | null> {
  const row = await findIdentity(ctx.db, provider.name, identity.subject);
  if (!row) return null;
  const user = await findUserById(ctx.db, row.user_id);
  if (!user) return null;
  return ctx.db.transaction().execute(async (trx) => {
    await spendIdToken(ctx, trx, provider.name, identity, { for: 'sign-in' });
    return startSession(ctx, trx, user, userAgent, provider.name);
  });
}

/**
 * Registration's order from API.md, with the email guard first (the token proves the caller
 * owns that address, so saying it is in use reveals nothing to a stranger): email not in use →
 * invite → username free → account, identity, invite use and session in one transaction.
 */
async function registerWithIdentity(
  ctx: AppContext,
  provider: IdentityProvider,
  identity: VerifiedIdToken,
  input: ProviderSignIn,
  userAgent: string | undefined,
): Promise<ProviderSignInResult> {
  if (identity.email && (await emailOwner(ctx.db, identity.email))) throw errors.emailInUse();
  const invite = await checkInvite(ctx, ctx.db, input.inviteCode);
  if (input.username && (await usernameExists(ctx.db, input.username))) throw errors.usernameTaken();
  for (let attempt = 1; ; attempt++) {
    const username =
      input.username ??
      (await pickUsername(
        ctx.db,
        [identity.email?.split('@')[0], input.fullName, identity.name],
        `${provider.name}-user`,
      ));
    try {
      const tokens = await ctx.db.transaction().execute(async (trx) => {
        await spendIdToken(ctx, trx, provider.name, identity, { for: 'sign-in' });
        const user = await createInvitedAccount(ctx, trx, invite, {
          username,
          email: identity.email,
          passwordHash: null,
        });
        const now = ctx.clock.now();
        await insertIdentity(trx, {
          id: newId(now),
          user_id: user.id,
          provider: provider.name,
          subject: identity.subject,
          email: identity.email,
          created_at: now.toISOString(),
        });
        return startSession(ctx, trx, user, userAgent, provider.name);
      });
      if (invite) ctx.metrics.inviteRedemptions.inc({ method: provider.name });
      return { tokens, created: true };
    } catch (err) {
      const violated = uniqueViolation(err);
      if (violated?.includes('identities')) {
        // the same person signed up twice at once; the other request won, so this one signs in
        const winner = await loginKnownIdentity(ctx, provider, identity, userAgent);
        if (winner) return { tokens: winner, created: false };
      }
      if (violated?.includes('email')) throw errors.emailInUse();
      if (violated?.includes('username') && input.username === undefined && attempt < ATTEMPTS) continue;
      rethrowUniqueness(err);
    }
  }
}
