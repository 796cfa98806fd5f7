import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The server's few cryptographic primitives, written once: AES-256-GCM with a random 96-bit
 * IV and a pinned 128-bit tag (so a truncated tag is refused, not accepted), 32-byte keys in
 * base64, and secret comparison in constant time. Everything that seals or compares secrets
 * (integration tokens, flow cookies and link tickets, setup tokens, OIDC state and nonce)
 * goes through here.
 */

const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Encrypts with AES-256-GCM; `aad` (authenticated, not encrypted) binds the value to where it belongs. */
export function seal(key: Buffer, plaintext: string, aad?: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts what `seal` produced with the same key and `aad`; throws on any tampering. */
export function open(key: Buffer, sealed: Sealed, aad?: string): string {
  if (sealed.tag.length !== TAG_BYTES) throw new Error('The authentication tag has the wrong length.');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
  if (aad) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}

/** A 32-byte key written in base64 (`openssl rand -base64 32`), or null when the text is not one. */
export function parseBase64Key(text: string): Buffer | null {
  const raw = text.trim();
  const key = Buffer.from(raw, 'base64');
  return key.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(raw) ? key : null;
}

/**
 * Compares two secrets without leaking, through timing, where they first differ or how long
 * the expected one is: both are hashed to equal length first.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
