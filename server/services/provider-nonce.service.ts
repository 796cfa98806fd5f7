import { randomBytes } from 'node:crypto';
import type { AppContext, InTransaction } from '../context.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { ProviderName } from '../lib/identity-providers.ts';
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_AGE_SECONDS, sha256Hex, type VerifiedIdToken } from '../lib/oidc-verifier.ts';
import {
  findProviderNonce,
  insertProviderNonce,
  spendProviderNonce,
} from '../repositories/provider-nonces.repository.ts';
import { recordUsedIdToken } from '../repositories/used-id-tokens.repository.ts';

/** Long enough to go through Google's or Apple's prompt, short enough that a nonce is not worth collecting. */
const NONCE_TTL_MS = 10 * 60_000;

/**
 * How long a nonce is remembered after it expired: as long as an ID token minted while it was
 * valid could still verify, so that such a token finds it spent or expired rather than unknown.
 */
const NONCE_MEMORY_MS = (MAX_TOKEN_AGE_SECONDS + 2 * CLOCK_SKEW_SECONDS) * 1000;

/**
 * A fresh single-use nonce (256 random bits) for the app to hand to Google or Apple (raw, or its
 * SHA-256 hex as Apple's native flow does) before the provider's prompt. Only its SHA-256 is
 * stored, in the database, so any server process can spend it.
 * POST /auth/nonce issues sign-in nonces (`userId` null); POST /me/identities/nonce issues link
 * nonces, bound to the signed-in account that asked: only that account can link with a token
 * minted for one, and no sign-in can use one.
 */
export async function issueProviderNonce(
  ctx: AppContext,
  userId: string | null,
): Promise<{ nonce: string; expiresAt: string }> {
  const now = ctx.clock.now();
  const nonce = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS).toISOString();
  const forgetBefore = new Date(now.getTime() - NONCE_MEMORY_MS).toISOString();
  await insertProviderNonce(
    ctx.db,
    { nonce_hash: sha256Hex(nonce), created_at: now.toISOString(), expires_at: expiresAt, user_id: userId },
    forgetBefore,
  );
  return { nonce, expiresAt };
}

const NO_SERVER_NONCE =
  'Linking needs an ID token minted for a nonce from POST /api/v1/me/identities/nonce, sent as `nonce`.';
const NOT_YOUR_LINK_NONCE =
  'Linking needs a nonce that POST /api/v1/me/identities/nonce issued to this account; this one was not.';
const LINK_NONCE_IN_SIGN_IN =
  'This nonce was issued for linking an identity, not for signing in. Ask POST /api/v1/auth/nonce for one.';

/**
 * Linking from an app must name its link nonce: for Apple the token carries only the nonce's
 * SHA-256, so a leaked token is of no use to someone who never saw the nonce itself.
 */
export function requireSentNonce(nonce: string | undefined): asserts nonce is string {
  if (nonce === undefined) throw errors.nonceInvalid(NO_SERVER_NONCE);
}

/**
 * What the token's server nonce must be.
 * `sign-in`: optional (an app that predates POST /auth/nonce, or the web flow with its own sealed
 * nonce): a sign-in nonce this server issued is spent, a link nonce is refused, any other nonce
 * is let through.
 * `link`: a link nonce issued to `userId`. `required` from an app; the dashboard's web flow
 * (`required: false`) has its own sealed nonce, bound to the browser, which this server never
 * stored — but any nonce it did store must still be that account's link nonce.
 * A sign-in nonce, or another account's link nonce, never links: a victim's ID token minted for
 * the victim's own nonce is of no use to an attacker signed in to another account.
 */
export type ServerNonceRule = { for: 'sign-in' } | { for: 'link'; userId: string; required: boolean };

/**
 * Spends a verified ID token inside the transaction of what it proves (the sign-in's session,
 * the link's identity), so that a refused or failed request spends nothing and a successful one
 * cannot be repeated: the token is recorded as used (a second presentation is
 * provider_token_replayed), and the server nonce its `nonce` claim names — raw, or as its SHA-256
 * hex — is spent under `rule` (spent or expired, issued to another account or for the other
 * purpose, or unknown where one is required: nonce_invalid).
 */
export async function spendIdToken(
  ctx: InTransaction,
  trx: Db,
  provider: ProviderName,
  token: VerifiedIdToken,
  rule: ServerNonceRule,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const fresh = await recordUsedIdToken(trx, {
    token_key: token.replayKey,
    provider,
    used_at: now,
    expires_at: token.usableUntil.toISOString(),
  });
  if (!fresh) throw errors.providerTokenReplayed();
  const required = rule.for === 'link' && rule.required;
  if (token.nonce === null) {
    if (required) throw errors.nonceInvalid(NO_SERVER_NONCE);
    return;
  }
  // the claim is the raw nonce (its hash is stored) or already its SHA-256 hex (Apple's form)
  const hashes = [sha256Hex(token.nonce), token.nonce];
  const owner = rule.for === 'link' ? rule.userId : null;
  if (await spendProviderNonce(trx, hashes, now, owner)) return;
  const issued = await findProviderNonce(trx, hashes);
  if (issued) {
    if (issued.user_id !== owner)
      throw errors.nonceInvalid(rule.for === 'link' ? NOT_YOUR_LINK_NONCE : LINK_NONCE_IN_SIGN_IN);
    const askAgain = rule.for === 'link' ? 'POST /api/v1/me/identities/nonce' : 'POST /api/v1/auth/nonce';
    throw errors.nonceInvalid(`This nonce has expired or was already used. Ask ${askAgain} for a new one.`);
  }
  if (required) throw errors.nonceInvalid(NO_SERVER_NONCE);
}
