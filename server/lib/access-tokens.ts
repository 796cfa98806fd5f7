import { createSigner, createVerifier } from 'fast-jwt';
import type { Clock } from '../clock.ts';
import type { Log } from '../context.ts';
import type { Db, DialectName } from '../db/database.ts';
import type { DataCipher } from './data-encryption.ts';
import { currentKeyOf, ensureKeySet, openKeySet, readKeySet, type SigningKey } from './signing-keys.ts';

export interface AccessClaims {
  sub: string;
  sid: string;
}

/**
 * What a valid token says: its claims and whether it is a limited one (`lim`), issued to a
 * disabled account at sign-in. The mark is the only record of how a session began limited:
 * POST /auth/resume turns such a session, and only such a one, into a full session.
 */
export interface VerifiedClaims extends AccessClaims {
  limited: boolean;
}

/** The lifetimes a token may claim: ACCESS_TOKEN_TTL, and LIMITED_ACCESS_TOKEN_TTL for tokens marked `lim`. */
export interface AccessTokenLifetimes {
  accessTtlMs: number;
  limitedTtlMs: number;
}

const ISSUER = 'baseline';

/**
 * How far a token's `iat` may lie ahead of this process's clock (another process's clock may run
 * a little ahead), and how long after its retirement a key may still have signed (a sign-in that
 * read the set just before a rotation committed).
 */
export const CLOCK_SKEW_MS = 60_000;

/** A process that meets a token of a key it does not know reads the key set again at most this often. */
export const RELOAD_INTERVAL_MS = 5_000;

interface Verifying {
  /** the key's retirement in epoch seconds; null while it is current */
  retiredAtS: number | null;
  verify: (token: string) => Record<string, unknown>;
}

/** The keys of one version of the sealed set, ready to use: the current signer and a kid → verifier map. */
interface KeyRing {
  text: string;
  current: { kid: string; sign: (payload: Record<string, unknown>) => string } | undefined;
  byKid: Map<string, Verifying>;
  /** the adopted key of an older version: it verifies the tokens without a kid */
  legacy: Verifying | undefined;
}

const UNKNOWN_KID = Symbol('unknown kid');
const NO_KID = '';

function ringOf(text: string, keys: SigningKey[]): KeyRing {
  const byKid = new Map<string, Verifying>();
  let legacy: Verifying | undefined;
  for (const k of keys) {
    const entry: Verifying = {
      retiredAtS: k.retiredAt === null ? null : Date.parse(k.retiredAt) / 1000,
      verify: createVerifier({
        key: k.key,
        algorithms: ['HS256'],
        allowedIss: ISSUER,
        ignoreExpiration: true,
        // no cache of verified tokens: a cache hit would skip the signature, which is checked on every request
        cache: false,
      }),
    };
    byKid.set(k.kid, entry);
    if (k.legacy) legacy = entry;
  }
  const c = currentKeyOf(keys);
  const current = c && {
    kid: c.kid,
    sign: createSigner({ key: c.key, algorithm: 'HS256', kid: c.kid }),
  };
  return { text, current, byKid, legacy };
}

/** The kid of a token's header segment: a string, NO_KID when it names none, null when the header is not JSON. */
function parseKid(header: string): string | null {
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    if (typeof h !== 'object' || h === null) return null;
    const kid = (h as { kid?: unknown }).kid;
    if (kid === undefined) return NO_KID;
    return typeof kid === 'string' && kid !== NO_KID ? kid : null;
  } catch {
    return null;
  }
}

/** Where the sealed key set comes from: the server_secrets row, opened with the data key. */
interface KeySource {
  read(db: Db): Promise<string | undefined>;
  open(text: string): SigningKey[];
}

/**
 * Short-lived HS256 access tokens, with key ids so that the key can be rotated. fast-jwt verifies
 * synchronously (about 6 µs, the HMAC computed on every call) where WebCrypto-based verifiers cost
 * tens of µs — this runs on every request. The algorithm is pinned; expiry, lifetime and issue
 * time are checked against the app's clock so tests can move time.
 *
 * Signing reads the sealed set in the issuing transaction (one read by primary key per sign-in
 * or refresh), so a rotation applies to the next token on every process at once. Verification
 * uses the keys in memory; a token naming a key this process does not know makes it read the set
 * again, at most once per RELOAD_INTERVAL_MS, so a burst of made-up kids costs one query.
 */
export class AccessTokens {
  private ring: KeyRing;
  private readonly kids = new Map<string, string | null>();
  private lastReload = -Infinity;
  private reloading: Promise<void> | undefined;
  private readonly db: Db | undefined;
  private readonly source: KeySource;
  private readonly clock: Clock;
  private readonly lifetimes: AccessTokenLifetimes;
  private readonly maxLifetimeS: { full: number; limited: number };
  private readonly log: Log | undefined;

  private constructor(o: {
    db: Db | undefined;
    source: KeySource;
    text: string;
    clock: Clock;
    lifetimes: AccessTokenLifetimes;
    log?: Log;
  }) {
    this.db = o.db;
    this.source = o.source;
    this.clock = o.clock;
    this.lifetimes = o.lifetimes;
    this.log = o.log;
    this.ring = ringOf(o.text, o.text ? o.source.open(o.text) : []);
    this.maxLifetimeS = {
      full: Math.ceil(o.lifetimes.accessTtlMs / 1000),
      limited: Math.ceil(o.lifetimes.limitedTtlMs / 1000),
    };
  }

  /** The server's tokens: the key set is created, or adopted from an older version, on the first start. */
  static async load(o: {
    db: Db;
    dialect: DialectName;
    cipher: DataCipher;
    clock: Clock;
    lifetimes: AccessTokenLifetimes;
    log?: Log;
  }): Promise<AccessTokens> {
    const text = await ensureKeySet(o.db, o.dialect, o.cipher, o.clock.now());
    const source: KeySource = { read: readKeySet, open: (t) => openKeySet(o.cipher, t) };
    return new AccessTokens({ db: o.db, source, text, clock: o.clock, lifetimes: o.lifetimes, log: o.log });
  }

  /** For the command line, which signs nothing: it never needs the data key to open the set. */
  static unavailable(clock: Clock, lifetimes: AccessTokenLifetimes): AccessTokens {
    const source: KeySource = {
      read: () => Promise.reject(new Error('This process issues no access tokens.')),
      open: () => [],
    };
    return new AccessTokens({ db: undefined, source, text: '', clock, lifetimes });
  }

  /**
   * A token for a session, signed with the current key. `db` is the issuing transaction. A
   * limited token (disabled account) is marked `lim` and lives LIMITED_ACCESS_TOKEN_TTL. It never
   * outlives `sessionEnd` (ISO), so its stated expiry is true: the session ends it anyway.
   */
  async issue(
    db: Db,
    claims: AccessClaims,
    o: { limited?: boolean; sessionEnd?: string } = {},
  ): Promise<{ token: string; expiresAt: Date }> {
    const text = await this.source.read(db);
    if (text && text !== this.ring.text) this.ring = ringOf(text, this.source.open(text));
    const current = this.ring.current;
    if (!current) throw new Error('No access-token signing key is current.');
    const limited = o.limited === true;
    const now = this.clock.now().getTime();
    const ttl = limited ? this.lifetimes.limitedTtlMs : this.lifetimes.accessTtlMs;
    const expiresAt = new Date(Math.min(now + ttl, o.sessionEnd ? Date.parse(o.sessionEnd) : Infinity));
    const token = current.sign({
      sub: claims.sub,
      sid: claims.sid,
      iss: ISSUER,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000),
      ...(limited ? { lim: true } : {}),
    });
    return { token, expiresAt };
  }

  /**
   * The claims of a valid token, or null for anything else: bad signature, algorithm or shape,
   * expired, a lifetime (exp − iat) longer than its TTL, issued in the future, signed by a retired
   * key after its retirement, or naming a key this process does not know. Synchronous.
   */
  verify(token: string): VerifiedClaims | null {
    const claims = this.check(token);
    return claims === UNKNOWN_KID ? null : claims;
  }

  /**
   * verify, but a token naming an unknown key first makes this process read the key set again
   * (another process or the command line may have rotated it), at most once per RELOAD_INTERVAL_MS.
   * The usual path does no more than verify.
   */
  async verifyReloading(token: string): Promise<VerifiedClaims | null> {
    const claims = this.check(token);
    if (claims !== UNKNOWN_KID) return claims;
    if (!(await this.reload())) return null;
    return this.verify(token);
  }

  private check(token: string): VerifiedClaims | null | typeof UNKNOWN_KID {
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const kid = this.kidOf(token.slice(0, dot));
    if (kid === null) return null;
    const entry = kid === NO_KID ? this.ring.legacy : this.ring.byKid.get(kid);
    if (!entry) return kid === NO_KID ? null : UNKNOWN_KID;
    let payload: Record<string, unknown>;
    try {
      payload = entry.verify(token);
    } catch {
      return null;
    }
    const { sub, sid, iat, exp, lim } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return null;
    const nowS = this.clock.now().getTime() / 1000;
    const skewS = CLOCK_SKEW_MS / 1000;
    if (exp <= nowS) return null;
    if (typeof iat === 'number') {
      if (iat > nowS + skewS) return null;
      if (exp - iat > (lim === true ? this.maxLifetimeS.limited : this.maxLifetimeS.full)) return null;
      if (entry.retiredAtS !== null && iat > entry.retiredAtS + skewS) return null;
    } else {
      // the version before key ids wrote no iat: only its adopted key's tokens may lack one, and those
      // were all issued before that key's retirement, so they expire within one lifetime of it
      if (entry !== this.ring.legacy || entry.retiredAtS === null) return null;
      if (exp > entry.retiredAtS + skewS + Math.max(this.maxLifetimeS.full, this.maxLifetimeS.limited)) return null;
    }
    return { sub, sid, limited: lim === true };
  }

  /** A header's kid, remembered for the few distinct headers a server sees (bounded, so junk cannot grow it). */
  private kidOf(header: string): string | null {
    const known = this.kids.get(header);
    if (known !== undefined) return known;
    const kid = parseKid(header);
    if (this.kids.size >= 64) this.kids.clear();
    this.kids.set(header, kid);
    return kid;
  }

  /** Reads the set again unless that happened less than RELOAD_INTERVAL_MS ago; a reload in flight is shared. */
  private async reload(): Promise<boolean> {
    if (this.reloading) {
      await this.reloading;
      return true;
    }
    const now = this.clock.now().getTime();
    if (!this.db || now - this.lastReload < RELOAD_INTERVAL_MS) return false;
    this.lastReload = now;
    const db = this.db;
    this.reloading = (async () => {
      try {
        const text = await this.source.read(db);
        if (text && text !== this.ring.text) this.ring = ringOf(text, this.source.open(text));
      } catch (err) {
        this.log?.warn(
          { event: 'access_token_keys_reload_failed', reason: err instanceof Error ? err.message : String(err) },
          'the access-token key set could not be read again',
        );
      } finally {
        this.reloading = undefined;
      }
    })();
    await this.reloading;
    return true;
  }
}
