import { Alert, Anchor, Button, Divider, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, messageForCode } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useServerInfo } from '../../../lib/session.ts';
import { useInviteCheck, useRegister } from '../api.ts';
import { AuthCard } from '../components/auth-card.tsx';
import { GoogleButton } from '../components/google-button.tsx';
import { NewPasswordField } from '../components/password-field.tsx';
import { fieldErrorsOf, validateNewPassword, validateOptionalEmail, validateUsername } from '../form-rules.ts';
import { INVITE_WORDS } from '../invite-words.ts';

/**
 * Create account, usually opened from an invite link: the code is filled in and checked as the
 * page loads, so a person learns that a link is expired before typing anything else.
 */
export function RegisterPage() {
  const [params] = useSearchParams();
  const server = useServerInfo();
  const register = useRegister();
  const redirectError = params.get('error');
  const form = useForm({
    mode: 'controlled',
    initialValues: { inviteCode: params.get('invite') ?? '', username: '', email: '', password: '' },
    validate: {
      inviteCode: (v) =>
        server.data?.requireInvite && !v.trim() ? 'Enter the invite code from your invite link.' : null,
      username: validateUsername,
      email: validateOptionalEmail,
      password: validateNewPassword,
    },
  });
  const [code] = useDebouncedValue(form.values.inviteCode, 300);
  const check = useInviteCheck(code);
  const requireInvite = server.data?.requireInvite ?? true;
  const inviteUnusable = check.data && !check.data.valid;

  const submit = form.onSubmit((v) => {
    register.mutate(
      {
        username: v.username.trim(),
        password: v.password,
        email: v.email.trim() || undefined,
        inviteCode: v.inviteCode.trim() || undefined,
      },
      {
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (error.code === 'username_taken') form.setFieldError('username', messageForCode(error.code));
          else if (error.code === 'email_taken') form.setFieldError('email', messageForCode(error.code));
          else if (error.code === 'password_too_common') form.setFieldError('password', messageForCode(error.code));
          else if (error.code.startsWith('invite_')) form.setFieldError('inviteCode', messageForCode(error.code));
          else if (error.code === 'validation_failed') form.setErrors(fieldErrorsOf(error.fieldErrors));
        },
      },
    );
  });

  return (
    <AuthCard
      title="Create account"
      subtitle={
        requireInvite
          ? 'This server is invite-only. Your invite code comes from the link you were sent.'
          : 'Pick a username and a password.'
      }
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
        </>
      }
    >
      {redirectError && !register.error && (
        <Alert color="red" title="Could not create the account" role="alert">
          {messageForCode(redirectError)}
        </Alert>
      )}
      {register.error &&
        !(
          register.error instanceof ApiError &&
          ['username_taken', 'email_taken', 'password_too_common', 'validation_failed'].includes(register.error.code)
        ) && <ErrorAlert error={register.error} title="Could not create the account" />}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={requireInvite ? 'Invite code' : 'Invite code (optional)'}
            placeholder="XXXXX-XXXXX-XXXXX"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            required={requireInvite}
            rightSection={
              check.isFetching ? (
                <Loader size="xs" aria-label="Checking the invite" />
              ) : check.data?.valid ? (
                <IconCircleCheck color="var(--mantine-color-teal-7)" aria-hidden />
              ) : inviteUnusable ? (
                <IconCircleX color="var(--mantine-color-red-7)" aria-hidden />
              ) : null
            }
            {...form.getInputProps('inviteCode')}
            error={
              form.errors.inviteCode ??
              (inviteUnusable && check.data?.reason ? INVITE_WORDS[check.data.reason] : undefined)
            }
            description={check.data?.valid && !form.errors.inviteCode ? 'This invite is valid.' : undefined}
          />
          <TextInput
            label="Username"
            description="3–32 letters, digits, dots, dashes or underscores."
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.getInputProps('username')}
          />
          <TextInput label="Email (optional)" type="email" autoComplete="email" {...form.getInputProps('email')} />
          <NewPasswordField {...form.getInputProps('password')} />
          <Button type="submit" loading={register.isPending} fullWidth mt="xs" disabled={Boolean(inviteUnusable)}>
            Create account
          </Button>
        </Stack>
      </form>
      {server.data?.providers.google && (
        <>
          <Divider label="or" labelPosition="center" />
          <GoogleButton label="Sign up with Google" invite={form.values.inviteCode.trim() || undefined} />
          <Text size="xs" c="dimmed" ta="center">
            Google signs you up with the invite code above.
          </Text>
        </>
      )}
    </AuthCard>
  );
}
