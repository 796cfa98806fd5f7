import type { ReactNode } from 'react';
import { Badge, Button, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, type User } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useUpdateAccount } from '../api.ts';

function validateOptionalEmail(value: string): string | null {
  return !value.trim() || /^[^\s@]+@[^\s@]+$/.test(value.trim())
    ? null
    : 'Enter an email address like name@example.org, or leave it empty.';
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Stack>
  );
}

/** Why the server refused the email change, per field it named (a wrong password, or no recent provider sign-in). */
function proofErrors(e: ApiError, hasPassword: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e.fieldErrors) {
    if (f.path === '/currentPassword')
      out.currentPassword =
        f.message === 'does not match' ? 'This is not your current password.' : 'Enter your current password.';
    if (f.path === '/email')
      out.email = hasPassword
        ? e.message
        : 'To change your email, sign out, sign in again with Google or Apple, then change it within 10 minutes.';
  }
  return Object.keys(out).length > 0 ? out : { email: e.message };
}

/**
 * Who you are on this server; the email can be changed or removed (it is optional and can sign
 * you in). Changing it takes your current password — or, without one, a recent Google or Apple
 * sign-in — so that no one at a device you left signed in can move your account to their address.
 */
export function ProfileSection({ user }: { user: User }) {
  const hasPassword = user.authMethods.includes('password');
  const update = useUpdateAccount();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: user.email ?? '', currentPassword: '' },
    validate: {
      email: validateOptionalEmail,
      currentPassword: (v, values) =>
        hasPassword && values.email.trim() !== (user.email ?? '') && !v
          ? 'Enter your current password to change your email.'
          : null,
    },
  });
  const changed = form.values.email.trim() !== (user.email ?? '');

  const save = form.onSubmit(({ email, currentPassword }) => {
    const next = email.trim() || null;
    update.mutate(hasPassword ? { email: next, currentPassword } : { email: next }, {
      onSuccess: (u) => {
        form.setInitialValues({ email: u.email ?? '', currentPassword: '' });
        form.setValues({ email: u.email ?? '', currentPassword: '' });
        notifySuccess(next ? 'Your email was saved.' : 'Your email was removed.');
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'email_taken') form.setFieldError('email', e.message);
        if (e instanceof ApiError && e.code === 'validation_failed') form.setErrors(proofErrors(e, hasPassword));
      },
    });
  });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <Fact label="Username">{user.username}</Fact>
        <Fact label="Role">
          <Badge
            variant={user.role === 'admin' ? 'outline' : 'light'}
            color={user.role === 'admin' ? 'cyan.9' : 'gray'}
          >
            {user.role === 'admin' ? 'Admin' : 'User'}
          </Badge>
        </Fact>
        <Fact label="Member since">
          <RelativeTime value={user.createdAt} />
        </Fact>
      </SimpleGrid>
      {update.error &&
        !(update.error instanceof ApiError && ['email_taken', 'validation_failed'].includes(update.error.code)) && (
          <ErrorAlert error={update.error} title="Could not save your email" />
        )}
      <form onSubmit={save} noValidate aria-label="Change email">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            description={
              hasPassword
                ? 'Optional. You can sign in with it instead of your username.'
                : 'Optional. Changing it needs a Google or Apple sign-in from the last 10 minutes.'
            }
            type="email"
            autoComplete="email"
            style={{ flex: '1 1 260px' }}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          {hasPassword && changed && (
            <PasswordInput
              label="Current password"
              description="Changing your email needs your password."
              autoComplete="current-password"
              required
              style={{ flex: '1 1 220px' }}
              key={form.key('currentPassword')}
              {...form.getInputProps('currentPassword')}
            />
          )}
          <Button type="submit" variant="light" loading={update.isPending} disabled={!changed}>
            {form.values.email.trim() || !user.email ? 'Save email' : 'Remove email'}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
