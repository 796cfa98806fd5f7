import { router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { Button } from '../src/components/button';
import { Field } from '../src/components/field';
import { Notice } from '../src/components/notice';
import { Screen, Section } from '../src/components/screen';
import { checkServer, normaliseServerAddress, ServerCheckError } from '../src/lib/server-address';
import { useAppSession } from '../src/session/app-session';

/**
 * Server: Baseline is self-hosted, so the app first asks where. The address is checked
 * (reachable? Baseline? what does it offer?) before it is remembered.
 */
export default function ServerScreen() {
  const { connection, chooseServer } = useAppSession();
  const params = useLocalSearchParams<{ invite?: string; address?: string }>();
  const [address, setAddress] = useState(connection?.url ?? params.address ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const connect = async () => {
    const url = normaliseServerAddress(address);
    if (!url) {
      setError('Enter the address of your Baseline server, like baseline.example.org or 192.168.1.20:8080.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await checkServer(url);
      await chooseServer(url, info);
      if (params.invite) router.replace({ pathname: '/register', params: { invite: params.invite } });
      else if (info.setupRequired) setError('This server has no accounts yet. Open its setup link in a browser first.');
      else router.replace('/sign-in');
    } catch (e) {
      setError(e instanceof ServerCheckError ? e.message : 'The server could not be checked. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen
      title="Your Baseline server"
      intro="Baseline runs on a server you or someone you trust runs. Enter its address: the one of the invite link or the web dashboard."
    >
      <Section>
        <Field
          label="Server address"
          value={address}
          onChangeText={(t) => {
            setAddress(t);
            setError(null);
          }}
          placeholder="baseline.example.org"
          autoCapitalize="none"
          autoCorrect={false}
          keyboardType="url"
          textContentType="URL"
          returnKeyType="go"
          onSubmitEditing={() => void connect()}
        />
        {error ? <Notice tone="error">{error}</Notice> : null}
        <Button label="Connect" busy={busy} onPress={() => void connect()} />
      </Section>
    </Screen>
  );
}
