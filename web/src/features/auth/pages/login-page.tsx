import { Alert, Anchor, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { messageForCode } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useServerInfo, useSession } from '../../../lib/session.ts';
import { useLogin } from '../api.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { GoogleButton } from '../components/google-button.tsx';

/** Sign in: username or email and password, or Google when the server has it on. */
export function LoginPage() {
  const [params] = useSearchParams();
  const server = useServerInfo();
  const snap = useSession();
  const login = useLogin();
  const returnTo = params.get('returnTo') ?? '/';
  const redirectError = params.get('error');
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Enter your username or email.'),
      password: (v) => (v ? null : 'Enter your password.'),
    },
  });

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to your health data."
      footer={
        <>
          No account yet?{' '}
          <Anchor component={Link} to="/register">
            Create account
          </Anchor>
        </>
      }
    >
      {server.data?.setupRequired && (
        <Alert color="cyan" title="This server has no account yet">
          Open the setup link that the server printed when it started to create the first admin.
        </Alert>
      )}
      {redirectError && !login.error && (
        <Alert color="red" title="Could not sign in" role="alert">
          {messageForCode(redirectError)}
        </Alert>
      )}
      {snap.endedBecause && !redirectError && !login.error && (
        <Alert color="yellow">{messageForCode(snap.endedBecause)}</Alert>
      )}
      {login.error && <ErrorAlert error={login.error} title="Could not sign in" />}
      <form
        onSubmit={form.onSubmit((v) => login.mutate({ username: v.username.trim(), password: v.password }))}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label="Username or email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
      {server.data?.providers.google && (
        <>
          <Divider label="or" labelPosition="center" />
          <GoogleButton label="Sign in with Google" returnTo={returnTo} />
        </>
      )}
    </AuthCard>
  );
}
