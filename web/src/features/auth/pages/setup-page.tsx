import { Alert, Anchor, Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { ApiError, messageForCode } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useServerInfo } from '../../../lib/session.ts';
import { useSetup } from '../api.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { NewPasswordField } from '../components/password-field.tsx';
import { fieldErrorsOf, validateNewPassword, validateOptionalEmail, validateUsername } from '../form-rules.ts';

/** First admin: only while no account exists, with the one-time token the server printed. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const server = useServerInfo();
  const setup = useSetup();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { username: '', email: '', password: '' },
    validate: { username: validateUsername, email: validateOptionalEmail, password: validateNewPassword },
  });

  if (server.data && !server.data.setupRequired && !setup.isSuccess) {
    return (
      <AuthCard title="Setup is done" subtitle="This server already has an admin.">
        <Button component={Link} to="/login">
          Sign in
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create the first admin" subtitle="This account will manage users and invites on this server.">
      {!token && (
        <Alert color="yellow" title="The setup link is incomplete">
          Open the link that the server printed when it started; it ends with <Code>?token=…</Code>.
        </Alert>
      )}
      {setup.error &&
        !(
          setup.error instanceof ApiError && ['validation_failed', 'password_too_common'].includes(setup.error.code)
        ) && (
          <ErrorAlert
            error={setup.error}
            title={
              setup.error instanceof ApiError && setup.error.code === 'forbidden'
                ? 'This setup link is not valid'
                : 'Setup failed'
            }
          />
        )}
      {setup.error instanceof ApiError && setup.error.code === 'forbidden' && (
        <Text size="sm" c="dimmed">
          Use the link from the server's most recent start.
        </Text>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          setup.mutate(
            {
              setupToken: token,
              username: v.username.trim(),
              password: v.password,
              email: v.email.trim() || undefined,
            },
            {
              onError: (e) => {
                if (e instanceof ApiError && e.code === 'validation_failed')
                  form.setErrors(fieldErrorsOf(e.fieldErrors));
                if (e instanceof ApiError && e.code === 'password_too_common')
                  form.setFieldError('password', messageForCode(e.code));
              },
            },
          ),
        )}
      >
        <Stack gap="sm">
          <TextInput
            label="Username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          <TextInput
            label="Email (optional)"
            type="email"
            autoComplete="email"
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <NewPasswordField key={form.key('password')} {...form.getInputProps('password')} />
          <Button type="submit" loading={setup.isPending} disabled={!token} fullWidth mt="xs">
            Create admin account
          </Button>
        </Stack>
      </form>
      {setup.error instanceof ApiError && setup.error.code === 'setup_done' && (
        <Text size="sm">
          {messageForCode('setup_done')}{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
        </Text>
      )}
    </AuthCard>
  );
}
