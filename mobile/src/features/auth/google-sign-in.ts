import * as Google from 'expo-auth-session/providers/google';
import * as WebBrowser from 'expo-web-browser';
import { useEffect, useRef } from 'react';
import type { ProviderProof } from './api';

WebBrowser.maybeCompleteAuthSession();

/** Google's iOS client id, given when the app is built (README, "The iOS app"). */
export const GOOGLE_IOS_CLIENT_ID = process.env.EXPO_PUBLIC_GOOGLE_IOS_CLIENT_ID;

/**
 * Google's sign-in in the system browser sheet (expo-auth-session), asking for an ID token
 * bound to the server's single-use nonce. `start(nonce)` resolves with the proof, or null when
 * the person cancels. Only rendered when the server enables Google and the app has a client id.
 */
export function useGoogleSignIn(nonce: string | null) {
  const [request, , promptAsync] = Google.useIdTokenAuthRequest({
    iosClientId: GOOGLE_IOS_CLIENT_ID,
    clientId: GOOGLE_IOS_CLIENT_ID,
    extraParams: nonce ? { nonce } : undefined,
  });
  const nonceRef = useRef(nonce);
  useEffect(() => {
    nonceRef.current = nonce;
  }, [nonce]);
  return {
    ready: Boolean(request && nonce),
    start: async (): Promise<ProviderProof | null> => {
      const result = await promptAsync();
      if (result.type !== 'success') return null;
      const idToken = result.params.id_token ?? result.authentication?.idToken;
      if (!idToken || !nonceRef.current) return null;
      return { provider: 'google', idToken, nonce: nonceRef.current };
    },
  };
}
