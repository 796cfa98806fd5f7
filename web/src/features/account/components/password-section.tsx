import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, messageForCode, type User } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { useUpdateAccount } from '../api.ts';

/** The server's rule for new passwords (API.md), checked before sending. */
function validateNewPassword(value: string): string | null {
  if (value.length < 8) return 'Use at least 8 characters.';
  return value.length > 1024 ? 'Use at most 1024 characters.' : null;
}

/**
 * Change the password (the current one proves it is you), or set a first one for an account that
 * signs in only with Google or Apple. Either way every other session is signed out.
 */
export function PasswordSection({ user }: { user: User }) {
  const hasPassword = user.authMethods.includes('password');
  const update = useUpdateAccount();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (v) => (hasPassword && !v ? 'Enter your current password.' : null),
      newPassword: validateNewPassword,
    },
  });

  const submit = form.onSubmit((v) =>
    update.mutate(
      hasPassword ? { currentPassword: v.currentPassword, newPassword: v.newPassword } : { newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(
            hasPassword
              ? 'Your password was changed. Other devices were signed out.'
              : 'Your password was set. Other devices were signed out.',
          );
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'password_too_common')
            form.setFieldError('newPassword', messageForCode(e.code));
          if (!(e instanceof ApiError) || e.code !== 'validation_failed') return;
          for (const f of e.fieldErrors) {
            if (f.path === '/currentPassword')
              form.setFieldError(
                'currentPassword',
                f.message === 'does not match' ? 'This is not your current password.' : 'Enter your current password.',
              );
            if (f.path === '/newPassword') form.setFieldError('newPassword', 'Use 8 to 1024 characters.');
          }
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {update.error &&
          !(
            update.error instanceof ApiError && ['validation_failed', 'password_too_common'].includes(update.error.code)
          ) && (
            <ErrorAlert
              error={update.error}
              title={hasPassword ? 'Could not change your password' : 'Could not set a password'}
            />
          )}
        {hasPassword && (
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
        )}
        <PasswordInput
          label="New password"
          description="At least 8 characters. Long passphrases are welcome."
          autoComplete="new-password"
          required
          key={form.key('newPassword')}
          {...form.getInputProps('newPassword')}
        />
        <Button type="submit" variant="light" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
          {hasPassword ? 'Change password' : 'Set a password'}
        </Button>
      </Stack>
    </form>
  );
}
