import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { getOrCreateSecret } from '../repositories/secrets.repository.ts';

/**
 * The refresh token that follows a given one: HMAC-SHA256 of the spent token under a server
 * secret. Deterministic, so that a token presented again within the reuse grace window can be
 * answered with the very successor it already produced — only token hashes are stored, so the
 * successor could not be read back otherwise. Without the presented token (a database dump holds
 * only hashes) the secret alone derives nothing.
 */
export class RefreshSuccessors {
  private readonly secret: Buffer;

  constructor(secret: Buffer) {
    this.secret = secret;
  }

  /** The secret is made once and kept in the database, like the access-token key, so every process derives the same successor. */
  static async load(db: Db, clock: Clock): Promise<RefreshSuccessors> {
    const secret = await getOrCreateSecret(
      db,
      'refresh_successor_hmac',
      () => randomBytes(32).toString('base64'),
      clock.now().toISOString(),
    );
    return new RefreshSuccessors(Buffer.from(secret, 'base64'));
  }

  of(spentToken: string): string {
    return createHmac('sha256', this.secret).update(spentToken).digest('base64url');
  }
}
