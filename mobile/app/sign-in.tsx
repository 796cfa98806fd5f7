import { Link, Redirect, router } from 'expo-router';
import { useRef, useState } from 'react';
import { StyleSheet, Text, View, type TextInput } from 'react-native';
import { messageFor, messageForCode } from '@client';
import { Button } from '../src/components/button';
import { Field } from '../src/components/field';
import { Notice } from '../src/components/notice';
import { Screen, Section } from '../src/components/screen';
import { colors } from '../src/components/theme';
import { useLogin, useProviderSignIn } from '../src/features/auth/api';
import { ProviderButtons } from '../src/features/auth/provider-buttons';
import { ServerLine } from '../src/features/auth/server-line';
import { useAppSession, useSessionSnapshot } from '../src/session/app-session';

/** Sign in: username or email and password, or Apple / Google when the server offers them. */
export default function SignInScreen() {
  const { connection } = useAppSession();
  if (!connection) return <Redirect href="/server" />;
  return <SignInForm />;
}

function SignInForm() {
  const { connection } = useAppSession();
  const snapshot = useSessionSnapshot();
  const login = useLogin();
  const provider = useProviderSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [providerError, setProviderError] = useState<unknown>(null);
  const passwordRef = useRef<TextInput>(null);
  if (!connection) return null;

  const submit = () => {
    if (!username.trim() || !password) return;
    setProviderError(null);
    login.mutate({ username: username.trim(), password });
  };
  const error = login.error ?? provider.error ?? providerError;

  return (
    <Screen title="Sign in" intro="Welcome back to Baseline.">
      <ServerLine url={connection.url} />
      {snapshot.endedBecause ? <Notice tone="info">{messageForCode(snapshot.endedBecause)}</Notice> : null}
      <Section>
        <Field
          label="Username or email"
          value={username}
          onChangeText={setUsername}
          autoCapitalize="none"
          autoCorrect={false}
          autoComplete="username"
          textContentType="username"
          returnKeyType="next"
          onSubmitEditing={() => passwordRef.current?.focus()}
        />
        <Field
          ref={passwordRef}
          label="Password"
          value={password}
          onChangeText={setPassword}
          secureTextEntry
          autoComplete="current-password"
          textContentType="password"
          returnKeyType="go"
          onSubmitEditing={submit}
        />
        {error ? <Notice tone="error">{messageFor(error)}</Notice> : null}
        <Button label="Sign in" busy={login.isPending} disabled={!username.trim() || !password} onPress={submit} />
        <ProviderButtons
          info={connection.info}
          verb="Sign in"
          busy={provider.isPending}
          onProof={(proof) => provider.mutate({ proof })}
          onError={setProviderError}
        />
      </Section>
      <View style={styles.row}>
        <Text style={styles.dimmed}>New here?</Text>
        <Link href="/register" style={styles.link} accessibilityRole="link">
          Create account
        </Link>
      </View>
      <Button label="Use another server" variant="subtle" onPress={() => router.push('/server')} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', gap: 6, justifyContent: 'center', alignItems: 'center', minHeight: 44 },
  dimmed: { color: colors.dimmed, fontSize: 15 },
  link: { color: colors.accent, fontSize: 15, fontWeight: '600', paddingHorizontal: 10, paddingVertical: 12 },
});
