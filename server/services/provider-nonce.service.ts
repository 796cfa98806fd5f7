import { randomBytes } from 'node:crypto';
import type { AppContext, InTransaction } from '../context.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { ProviderName } from '../lib/identity-providers.ts';
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_AGE_SECONDS, sha256Hex, type VerifiedIdToken } from '../lib/oidc-verifier.ts';
import {
  insertProviderNonce,
  providerNonceExists,
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
 * POST /auth/nonce: a fresh single-use nonce (256 random bits) for the app to hand to Google or
 * Apple (raw, or its SHA-256 hex as Apple's native flow does) before the provider's prompt.
 * Only its SHA-256 is stored, in the database, so any server process can spend it.
 */
export async function issueProviderNonce(ctx: AppContext): Promise<{ nonce: string; expiresAt: string }> {
  const now = ctx.clock.now();
  const nonce = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS).toISOString();
  const forgetBefore = new Date(now.getTime() - NONCE_MEMORY_MS).toISOString();
  await insertProviderNonce(
    ctx.db,
    { nonce_hash: sha256Hex(nonce), created_at: now.toISOString(), expires_at: expiresAt },
    forgetBefore,
  );
  return { nonce, expiresAt };
}

const NO_SERVER_NONCE = 'Linking needs an ID token minted for a nonce from POST /api/v1/auth/nonce, sent as `nonce`.';

/**
 * Linking from an app must name its server nonce: for Apple the token carries only the nonce's
 * SHA-256, so a leaked token is of no use to someone who never saw the nonce itself.
 */
export function requireSentNonce(nonce: string | undefined): asserts nonce is string {
  if (nonce === undefined) throw errors.nonceInvalid(NO_SERVER_NONCE);
}

/**
 * Whether the token must carry a server nonce: linking does (`required`); a sign-in may come
 * from an app that predates POST /auth/nonce, or from the web flow with its own sealed nonce
 * (`if-ours`: a nonce this server issued is spent, any other is let through).
 */
export type ServerNonceRule = 'required' | 'if-ours';

/**
 * Spends a verified ID token inside the transaction of what it proves (the sign-in's session,
 * the link's identity), so that a refused or failed request spends nothing and a successful one
 * cannot be repeated: the token is recorded as used (a second presentation is
 * provider_token_replayed), and the server nonce its `nonce` claim names — raw, or as its SHA-256
 * hex — is spent (spent or expired, or unknown where one is required: nonce_invalid).
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
  if (token.nonce === null) {
    if (rule === 'required') throw errors.nonceInvalid(NO_SERVER_NONCE);
    return;
  }
  // the claim is the raw nonce (its hash is stored) or already its SHA-256 hex (Apple's form)
  const hashes = [sha256Hex(token.nonce), token.nonce];
  if (await spendProviderNonce(trx, hashes, now)) return;
  if (await providerNonceExists(trx, hashes))
    throw errors.nonceInvalid('This nonce has expired or was already used. Ask POST /api/v1/auth/nonce for a new one.');
  if (rule === 'required') throw errors.nonceInvalid(NO_SERVER_NONCE);
}
