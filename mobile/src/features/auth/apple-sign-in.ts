import type { ProviderProof } from './api';

/** Sign in with Apple is an iPhone feature here; the web build of the app does not offer it. */
export const appleSignInAvailable = async (): Promise<boolean> => false;

export async function appleSignIn(_nonce: string): Promise<ProviderProof | null> {
  return null;
}
