import { createHash } from 'node:crypto';
import { constantTimeEqual } from './crypto.ts';
import {
  createLocalJWKSet,
  errors as jose,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Log } from '../context.ts';
import type { Clock } from '../clock.ts';
import { AppError, errors } from '../errors.ts';

/** The fields of `{issuer}/.well-known/openid-configuration` this server uses. */
export interface IssuerMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

/** What a verified ID token says about the person; `email` is set only when the provider verified it. */
export interface VerifiedIdToken {
  subject: string;
  email: string | null;
  name: string | null;
  /** the token's `nonce` claim: which server nonce (raw or SHA-256 hex) it was minted for, if any */
  nonce: string | null;
  /** the same for every copy of this token and for no other: its (iss, jti), or its signed part */
  replayKey: string;
  /** after this the token no longer verifies (exp, or iat + the maximum age, plus the clock skew) */
  usableUntil: Date;
}

export interface IssuerSettings {
  /** "Google" or "Apple", for messages */
  label: string;
  /** the configured issuer URL: where discovery starts */
  issuer: string;
  /** the `iss` values a token may carry */
  acceptedIssuers: string[];
  /** the `aud` values a token may carry (web and iOS client ids) */
  clientIds: string[];
}

const HOUR = 3_600_000;
/** Endpoints almost never move; keys rotate every few days and are published ahead of use. */
const METADATA_MAX_AGE_MS = 24 * HOUR;
const KEYS_MAX_AGE_MS = HOUR;
/** An unknown `kid` refetches the keys at most this often, so forged kids cannot make us hammer the issuer. */
export const KEYS_REFETCH_COOLDOWN_MS = 30_000;
/** Tolerated difference between our clock and the issuer's, for exp, iat and nbf. */
export const CLOCK_SKEW_SECONDS = 60;
/** An ID token older than this (by its iat) is refused whatever its exp says. */
export const MAX_TOKEN_AGE_SECONDS = 86_400;
const FETCH_TIMEOUT_MS = 5_000;
/** Asymmetric algorithms only: a symmetric or "none" token can never verify against a published key set. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

interface Cached<T> {
  value: T;
  fetchedAt: number;
}

/** SHA-256 as lower-case hex: how nonces are stored, and Apple's form of a nonce in its tokens. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One key per token, whatever copy of it is presented. The issuer's (iss, jti) when it sets a jti
 * (Google does); else the signed part, header and payload: the signature is left out, because its
 * base64url and (for ECDSA) its value can be rewritten without breaking it, and a rewritten copy
 * must not pass for a new token.
 */
function replayKeyOf(token: string, payload: JWTPayload): string {
  if (typeof payload.jti === 'string' && payload.jti !== '')
    return sha256Hex(`jti\n${String(payload.iss)}\n${payload.jti}`);
  return sha256Hex(`jws\n${token.split('.').slice(0, 2).join('.')}`);
}

/** Compares secrets (nonces, states) without leaking through timing where they first differ. */
export const sameText = constantTimeEqual;

/** Apple sends `email_verified` as the string "true" in some tokens; Google as a boolean. */
function verifiedEmail(payload: JWTPayload): string | null {
  const verified = payload.email_verified === true || payload.email_verified === 'true';
  const email = payload.email;
  if (!verified || typeof email !== 'string') return null;
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/**
 * One OpenID Connect issuer (Google or Apple): its discovery document and signing keys,
 * fetched on demand and cached, and the checks every ID token must pass before the
 * server believes who it names. Time comes from the app's clock, so tests control it.
 */
export class OidcIssuer {
  private metadataCache: Cached<IssuerMetadata> | undefined;
  private keysCache: Cached<JWTVerifyGetKey> | undefined;
  /** when an unknown kid last made us refetch, successful or not: the cooldown counts from here */
  private lastForcedFetch = Number.NEGATIVE_INFINITY;
  /** after a failed refresh, stale values are used without asking again until this time */
  private metadataRetryAt = Number.NEGATIVE_INFINITY;
  private keysRetryAt = Number.NEGATIVE_INFINITY;
  private inflight = new Map<string, Promise<unknown>>();

  constructor(
    readonly settings: IssuerSettings,
    private readonly clock: Clock,
    private readonly log: Pick<Log, 'warn'>,
  ) {}

  /** The discovery document, validated (its `issuer` must be the configured one, per OpenID Discovery §4.3). */
  async metadata(): Promise<IssuerMetadata> {
    const now = this.clock.now().getTime();
    if (this.metadataCache && (now - this.metadataCache.fetchedAt < METADATA_MAX_AGE_MS || now < this.metadataRetryAt))
      return this.metadataCache.value;
    try {
      const doc = await this.once('metadata', () =>
        this.fetchJson(`${this.settings.issuer}/.well-known/openid-configuration`),
      );
      if (!isMetadata(doc) || doc.issuer.replace(/\/+$/, '') !== this.settings.issuer)
        throw this.unavailable('its discovery document is not valid for this issuer');
      this.metadataCache = { value: doc, fetchedAt: now };
      return doc;
    } catch (err) {
      // a stale document beats no sign-in while the issuer has a bad moment
      if (!this.metadataCache) throw err;
      this.metadataRetryAt = now + KEYS_REFETCH_COOLDOWN_MS;
      return this.metadataCache.value;
    }
  }

  /**
   * Verifies signature, issuer, audience, times and nonce. A token signed with a key we have
   * not seen (the issuer rotated) refetches the key set once, unless it was fetched moments ago.
   */
  async verifyIdToken(token: string, nonce?: string): Promise<VerifiedIdToken> {
    const options = {
      issuer: this.settings.acceptedIssuers,
      audience: this.settings.clientIds,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      requiredClaims: ['sub', 'iat', 'exp'],
    };
    let payload: JWTPayload;
    try {
      const keys = await this.keys(false);
      payload = await jwtVerify(token, keys, { ...options, currentDate: this.clock.now() })
        .catch(async (err: unknown) => {
          if (!(err instanceof jose.JWKSNoMatchingKey) || !this.mayRefetchKeys()) throw err;
          return jwtVerify(token, await this.keys(true), { ...options, currentDate: this.clock.now() });
        })
        .then((r) => r.payload);
    } catch (err) {
      throw this.rejection(err);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255)
      throw this.invalid('has no usable subject');
    if (nonce !== undefined) {
      const claim = payload.nonce;
      if (typeof claim !== 'string' || !(sameText(claim, nonce) || sameText(claim, sha256Hex(nonce))))
        throw this.invalid('was not issued for this sign-in (nonce mismatch)');
    }
    // jwtVerify required both as numbers
    const lastSecond = Math.min(payload.exp as number, (payload.iat as number) + MAX_TOKEN_AGE_SECONDS);
    return {
      subject: payload.sub,
      email: verifiedEmail(payload),
      name: typeof payload.name === 'string' ? payload.name : null,
      nonce: typeof payload.nonce === 'string' ? payload.nonce : null,
      replayKey: replayKeyOf(token, payload),
      usableUntil: new Date((lastSecond + CLOCK_SKEW_SECONDS) * 1000),
    };
  }

  private mayRefetchKeys(): boolean {
    const now = this.clock.now().getTime();
    const last = Math.max(this.lastForcedFetch, this.keysCache?.fetchedAt ?? Number.NEGATIVE_INFINITY);
    return now - last >= KEYS_REFETCH_COOLDOWN_MS;
  }

  private async keys(force: boolean): Promise<JWTVerifyGetKey> {
    const now = this.clock.now().getTime();
    if (!force && this.keysCache && (now - this.keysCache.fetchedAt < KEYS_MAX_AGE_MS || now < this.keysRetryAt))
      return this.keysCache.value;
    if (force) this.lastForcedFetch = now;
    try {
      const { jwks_uri } = await this.metadata();
      const set = await this.once('keys', () => this.fetchJson(jwks_uri));
      if (!isKeySet(set)) throw this.unavailable('its key set is not valid');
      const value = createLocalJWKSet(set);
      this.keysCache = { value, fetchedAt: now };
      return value;
    } catch (err) {
      // keep verifying with the keys we have when a periodic refresh fails
      if (!this.keysCache || force) throw err;
      this.keysRetryAt = now + KEYS_REFETCH_COOLDOWN_MS;
      return this.keysCache.value;
    }
  }

  /** Concurrent callers share one request instead of each fetching. */
  private async once<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = fetcher().finally(() => this.inflight.delete(key));
    this.inflight.set(key, started);
    return started;
  }

  private async fetchJson(url: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch {
      throw this.unavailable(`${url} could not be reached`);
    }
    if (!res.ok) throw this.unavailable(`${url} answered ${res.status}`);
    try {
      return await res.json();
    } catch {
      throw this.unavailable(`${url} did not answer JSON`);
    }
  }

  private unavailable(why: string): AppError {
    this.log.warn({ issuer: this.settings.issuer, why }, 'identity provider unavailable');
    return errors.providerUnavailable(this.settings.label);
  }

  private invalid(why: string): AppError {
    return errors.unauthenticated(`The ${this.settings.label} ID token ${why}.`);
  }

  /** Turns jose's failures into one 401 whose detail says which check failed. */
  private rejection(err: unknown): AppError {
    if (err instanceof AppError) return err;
    if (err instanceof jose.JWTExpired) return this.invalid(err.claim === 'iat' ? 'is too old' : 'has expired');
    if (err instanceof jose.JWTClaimValidationFailed) {
      const reasons: Record<string, string> = {
        iss: 'was not issued by the configured issuer',
        aud: 'was issued for another app (audience)',
        iat: 'is dated in the future',
        nbf: 'is not valid yet',
        sub: 'has no subject',
      };
      return this.invalid(reasons[err.claim] ?? `failed the ${err.claim} check`);
    }
    if (err instanceof jose.JWSSignatureVerificationFailed) return this.invalid('has an invalid signature');
    if (err instanceof jose.JWKSNoMatchingKey) return this.invalid('is signed with an unknown key');
    if (err instanceof jose.JOSEAlgNotAllowed) return this.invalid('uses a signing algorithm that is not accepted');
    return this.invalid('is malformed');
  }
}

function isMetadata(doc: unknown): doc is IssuerMetadata {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.issuer === 'string' && typeof d.jwks_uri === 'string' && /^https?:\/\//.test(d.jwks_uri);
}

function isKeySet(set: unknown): set is JSONWebKeySet {
  return typeof set === 'object' && set !== null && Array.isArray((set as { keys?: unknown }).keys);
}
