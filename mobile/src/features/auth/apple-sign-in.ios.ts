import * as AppleAuthentication from 'expo-apple-authentication';
import * as Crypto from 'expo-crypto';
import type { ProviderProof } from './api';

/** Sign in with Apple exists on this iPhone (iOS 13+, not restricted). */
export const appleSignInAvailable = (): Promise<boolean> => AppleAuthentication.isAvailableAsync();

/**
 * Apple's native sheet. Apple puts the SHA-256 of what it is given into the ID token's `nonce`,
 * so it gets the digest of the server's single-use nonce and the server gets the nonce itself
 * (API.md: "equal its SHA-256 hex digest"). Null when the person cancels.
 */
export async function appleSignIn(nonce: string): Promise<ProviderProof | null> {
  const digest = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, nonce, {
    encoding: Crypto.CryptoEncoding.HEX,
  });
  try {
    const credential = await AppleAuthentication.signInAsync({
      requestedScopes: [
        AppleAuthentication.AppleAuthenticationScope.FULL_NAME,
        AppleAuthentication.AppleAuthenticationScope.EMAIL,
      ],
      nonce: digest,
    });
    if (!credential.identityToken) return null;
    const name = [credential.fullName?.givenName, credential.fullName?.familyName].filter(Boolean).join(' ');
    return { provider: 'apple', idToken: credential.identityToken, nonce, fullName: name || undefined };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUEST_CANCELED') return null;
    throw error;
  }
}
