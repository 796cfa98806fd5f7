import { randomBytes } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { getOrCreateSecret } from '../repositories/secrets.repository.ts';

export interface AccessClaims {
  sub: string;
  sid: string;
}

const ISSUER = 'baseline';

/**
 * Short-lived HS256 access tokens. fast-jwt verifies synchronously (a few µs, with an LRU of
 * verified tokens) where WebCrypto-based verifiers cost tens of µs — this runs on every request.
 * The algorithm is pinned; expiry is checked against the app's clock so tests can move time.
 */
export class AccessTokens {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => Record<string, unknown>;
  private readonly clock: Clock;

  constructor(secret: Buffer, clock: Clock) {
    this.clock = clock;
    this.sign = createSigner({ key: secret, algorithm: 'HS256', noTimestamp: true });
    this.verifier = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      ignoreExpiration: true,
      cache: 10_000,
    });
  }

  /** The signing key is made once and kept in the database, so every server process shares it. */
  static async load(db: Db, clock: Clock): Promise<AccessTokens> {
    const secret = await getOrCreateSecret(
      db,
      'access_token_hs256',
      () => randomBytes(32).toString('base64'),
      clock.now().toISOString(),
    );
    return new AccessTokens(Buffer.from(secret, 'base64'), clock);
  }

  issue(claims: AccessClaims, ttlMs: number): { token: string; expiresAt: Date } {
    const now = this.clock.now().getTime();
    const expiresAt = new Date(now + ttlMs);
    const token = this.sign({
      sub: claims.sub,
      sid: claims.sid,
      iss: ISSUER,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000),
    });
    return { token, expiresAt };
  }

  /** The claims of a valid, unexpired token, or null for anything else (bad signature, algorithm, expiry, shape). */
  verify(token: string): AccessClaims | null {
    let payload: Record<string, unknown>;
    try {
      payload = this.verifier(token);
    } catch {
      return null;
    }
    const { sub, sid, exp } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return null;
    if (exp * 1000 <= this.clock.now().getTime()) return null;
    return { sub, sid };
  }
}
