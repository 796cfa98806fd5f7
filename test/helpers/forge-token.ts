import { createSigner } from 'fast-jwt';

/** Signs exactly these claims (no iat unless given) with any key, as someone holding that key would. */
export function forge(key: Buffer, claims: Record<string, unknown>, kid?: string): string {
  const noTimestamp = !('iat' in claims);
  return createSigner({ key, algorithm: 'HS256', noTimestamp, ...(kid ? { kid } : {}) })(claims);
}

/** The `kid` header of a token. */
export const kidOf = (token: string): string | undefined =>
  JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
/** A token's claims, unverified. */
export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
/** Epoch milliseconds as the whole seconds of a JWT's iat and exp. */
export const seconds = (ms: number) => Math.floor(ms / 1000);
