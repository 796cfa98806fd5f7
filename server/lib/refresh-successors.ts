import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { DataCipher } from './data-encryption.ts';
import { loadSealedSecret, type SealedSecret } from './sealed-secrets.ts';

/**
 * The HMAC key, sealed with the data key (sealed-secrets.ts): each successor is the HMAC of the
 * token before it, so with the key, one token of a session — even long spent — gives all the next.
 */
export const REFRESH_SUCCESSOR_SECRET: SealedSecret = {
  name: 'refresh_successor_hmac',
  label: 'the refresh-token successor key',
  generate: () => randomBytes(32).toString('base64'),
};

/**
 * The refresh token that follows a given one: HMAC-SHA256 of the spent token under a server
 * secret. Deterministic, so that a token presented again within the reuse grace window can be
 * answered with the very successor it already produced — only token hashes are stored, so the
 * successor could not be read back otherwise. Without the presented token (a database dump holds
 * only hashes) the secret alone derives nothing.
 */
export class RefreshSuccessors {
  private readonly secret: Buffer | undefined;

  constructor(secret: Buffer | undefined) {
    this.secret = secret;
  }

  /**
   * The secret is made once and kept sealed in the database, like the access-token keys, so every
   * process derives the same successor. A plain secret of an earlier version is replaced at start.
   */
  static async load(db: Db, cipher: DataCipher, clock: Clock): Promise<RefreshSuccessors> {
    const secret = await loadSealedSecret(db, cipher, REFRESH_SUCCESSOR_SECRET, clock.now());
    return new RefreshSuccessors(Buffer.from(secret, 'base64'));
  }

  /** For the command line, which refreshes no session: it never needs the data key to open the secret. */
  static unavailable(): RefreshSuccessors {
    return new RefreshSuccessors(undefined);
  }

  of(spentToken: string): string {
    if (!this.secret) throw new Error('This process refreshes no session.');
    return createHmac('sha256', this.secret).update(spentToken).digest('base64url');
  }
}
