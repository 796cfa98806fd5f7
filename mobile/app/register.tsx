import * as Linking from 'expo-linking';
import { Link, Redirect, useLocalSearchParams } from 'expo-router';
import { useRef, useState } from 'react';
import { ActivityIndicator, StyleSheet, Text, View, type TextInput } from 'react-native';
import { INVITE_WORDS, messageFor, normalizeInviteCode } from '@client';
import { Button } from '../src/components/button';
import { Field } from '../src/components/field';
import { Notice } from '../src/components/notice';
import { Screen, Section } from '../src/components/screen';
import { colors } from '../src/components/theme';
import { useInviteCheck, useProviderSignIn, useRegister } from '../src/features/auth/api';
import { ProviderButtons } from '../src/features/auth/provider-buttons';
import { ServerLine } from '../src/features/auth/server-line';
import { useAppSession } from '../src/session/app-session';

/**
 * Create account. The invite code comes filled in from an invite link (universal link or
 * `baseline://register?invite=`), or is typed by hand in any case, with or without dashes;
 * the screen says at once whether it can be used.
 */
export default function RegisterScreen() {
  const { connection } = useAppSession();
  const params = useLocalSearchParams<{ invite?: string }>();
  const openedWith = Linking.useURL();
  if (!connection) {
    // an https invite link names its server: offer that one
    const origin = openedWith?.startsWith('https://') ? new URL(openedWith).origin : undefined;
    return <Redirect href={{ pathname: '/server', params: { invite: params.invite, address: origin } }} />;
  }
  return <RegisterForm initialCode={params.invite ?? ''} />;
}

function RegisterForm({ initialCode }: { initialCode: string }) {
  const { connection } = useAppSession();
  const register = useRegister();
  const provider = useProviderSignIn();
  const [code, setCode] = useState(initialCode);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [providerError, setProviderError] = useState<unknown>(null);
  const usernameRef = useRef<TextInput>(null);
  const passwordRef = useRef<TextInput>(null);
  const check = useInviteCheck(code);
  const info = connection?.info ?? null;
  const inviteRequired = info?.requireInvite ?? true;
  const normalized = normalizeInviteCode(code);

  const codeNote = (() => {
    if (!normalized) return inviteRequired ? 'You need an invite code from an admin of this server.' : 'Optional.';
    if (normalized.length < 15) return 'Invite codes have 15 letters and digits, like K7QXM-4RTPW-9HJZA.';
    return null;
  })();
  const unusable = check.data && !check.data.valid && check.data.reason ? INVITE_WORDS[check.data.reason] : null;
  const codeOk = check.data?.valid === true;
  const canSubmit = username.trim().length >= 3 && password.length >= 8 && (!inviteRequired || codeOk) && !unusable;

  const submit = () => {
    if (!canSubmit) return;
    setProviderError(null);
    register.mutate({ username: username.trim(), password, inviteCode: normalized || undefined });
  };
  const error = register.error ?? provider.error ?? providerError;

  return (
    <Screen title="Create account" intro="Your health data stays on this server, with the people who run it.">
      {connection ? <ServerLine url={connection.url} /> : null}
      <Section title="Invite">
        <Field
          label="Invite code"
          value={code}
          onChangeText={setCode}
          placeholder="K7QXM-4RTPW-9HJZA"
          autoCapitalize="characters"
          autoCorrect={false}
          hint={codeNote}
          error={unusable}
          returnKeyType="next"
          onSubmitEditing={() => usernameRef.current?.focus()}
        />
        {check.isFetching ? (
          <View style={styles.row} accessibilityLabel="Checking the invite code">
            <ActivityIndicator color={colors.accent} />
            <Text style={styles.dimmed}>Checking the code…</Text>
          </View>
        ) : null}
        {codeOk ? <Notice tone="success">This invite code is valid.</Notice> : null}
        {check.isError ? <Notice tone="error">{messageFor(check.error)}</Notice> : null}
      </Section>
      <Section title="Your account">
        <Field
          ref={usernameRef}
          label="Username"
          value={username}
          onChangeText={setUsername}
          autoCapitalize="none"
          autoCorrect={false}
          autoComplete="username-new"
          textContentType="username"
          hint="3 to 32 letters, digits, dots, dashes or underscores."
          returnKeyType="next"
          onSubmitEditing={() => passwordRef.current?.focus()}
        />
        <Field
          ref={passwordRef}
          label="Password"
          value={password}
          onChangeText={setPassword}
          secureTextEntry
          autoComplete="new-password"
          textContentType="newPassword"
          hint="At least 8 characters. A few unrelated words make a good one."
          returnKeyType="go"
          onSubmitEditing={submit}
        />
        {error ? <Notice tone="error">{messageFor(error)}</Notice> : null}
        <Button label="Create account" busy={register.isPending} disabled={!canSubmit} onPress={submit} />
        <ProviderButtons
          info={info}
          verb="Sign up"
          busy={provider.isPending}
          onProof={(proof) => provider.mutate({ proof, inviteCode: normalized || undefined })}
          onError={setProviderError}
        />
      </Section>
      <View style={styles.row}>
        <Text style={styles.dimmed}>Have an account?</Text>
        <Link href="/sign-in" style={styles.link} accessibilityRole="link">
          Sign in
        </Link>
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', gap: 8, alignItems: 'center', justifyContent: 'center', minHeight: 44 },
  dimmed: { color: colors.dimmed, fontSize: 15 },
  link: { color: colors.accent, fontSize: 15, fontWeight: '600', paddingHorizontal: 10, paddingVertical: 12 },
});
