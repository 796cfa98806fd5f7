import { useEffect, useState } from 'react';
import { StyleSheet, View } from 'react-native';
import type { ServerInfo } from '@client';
import { Button } from '../../components/button';
import { useNonce, type ProviderProof } from './api';
import { appleSignIn, appleSignInAvailable } from './apple-sign-in';
import { GOOGLE_IOS_CLIENT_ID, useGoogleSignIn } from './google-sign-in';

/**
 * "Continue with Apple" and "Continue with Google", each shown only when the server turned it on
 * (GET /api/v1/server) and this phone can do it. Hands the provider's proof to `onProof`.
 */
export function ProviderButtons({
  info,
  verb,
  busy,
  onProof,
  onError,
}: {
  info: ServerInfo | null;
  verb: 'Sign in' | 'Sign up';
  busy: boolean;
  onProof: (proof: ProviderProof) => void;
  onError: (error: unknown) => void;
}) {
  const [apple, setApple] = useState(false);
  useEffect(() => {
    if (info?.providers.apple) void appleSignInAvailable().then((ok) => setApple(Boolean(ok)));
  }, [info?.providers.apple]);
  const google = Boolean(info?.providers.google && GOOGLE_IOS_CLIENT_ID);
  if (!apple && !google) return null;
  return (
    <View style={styles.column}>
      {apple ? <AppleButton verb={verb} busy={busy} onProof={onProof} onError={onError} /> : null}
      {google ? <GoogleButton verb={verb} busy={busy} onProof={onProof} onError={onError} /> : null}
    </View>
  );
}

type ButtonProps = Pick<Parameters<typeof ProviderButtons>[0], 'verb' | 'busy' | 'onProof' | 'onError'>;

function AppleButton({ verb, busy, onProof, onError }: ButtonProps) {
  const nonce = useNonce();
  const run = async () => {
    try {
      const proof = await appleSignIn(await nonce());
      if (proof) onProof(proof);
    } catch (error) {
      onError(error);
    }
  };
  return <Button label={`${verb} with Apple`} variant="secondary" busy={busy} onPress={() => void run()} />;
}

function GoogleButton({ verb, busy, onProof, onError }: ButtonProps) {
  const fetchNonce = useNonce();
  const [nonce, setNonce] = useState<string | null>(null);
  // Google's request carries the nonce, so one is fetched ahead, and a fresh one after each try
  const renew = () => void fetchNonce().then(setNonce, onError);
  useEffect(renew, []); // eslint-disable-line react-hooks/exhaustive-deps
  const google = useGoogleSignIn(nonce);
  const run = async () => {
    try {
      const proof = await google.start();
      if (proof) onProof(proof);
    } catch (error) {
      onError(error);
    } finally {
      renew();
    }
  };
  return (
    <Button
      label={`${verb} with Google`}
      variant="secondary"
      busy={busy}
      disabled={!google.ready}
      onPress={() => void run()}
    />
  );
}

const styles = StyleSheet.create({ column: { gap: 8 } });
