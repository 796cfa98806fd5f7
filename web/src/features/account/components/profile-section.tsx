import type { ReactNode } from 'react';
import { Badge, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
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

/** Who you are on this server; the email can be changed or removed (it is optional and can sign you in). */
export function ProfileSection({ user }: { user: User }) {
  const update = useUpdateAccount();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: user.email ?? '' },
    validate: { email: validateOptionalEmail },
  });
  const changed = form.values.email.trim() !== (user.email ?? '');

  const save = form.onSubmit(({ email }) => {
    const next = email.trim() || null;
    update.mutate(
      { email: next },
      {
        onSuccess: (u) => {
          form.setInitialValues({ email: u.email ?? '' });
          form.setValues({ email: u.email ?? '' });
          notifySuccess(next ? 'Your email was saved.' : 'Your email was removed.');
        },
        onError: (e) => {
          if (e instanceof ApiError && (e.code === 'email_taken' || e.code === 'validation_failed'))
            form.setFieldError('email', e.message);
        },
      },
    );
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
      <form onSubmit={save} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            description="Optional. You can sign in with it instead of your username."
            type="email"
            autoComplete="email"
            style={{ flex: '1 1 260px' }}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <Button type="submit" variant="light" loading={update.isPending} disabled={!changed}>
            {form.values.email.trim() || !user.email ? 'Save email' : 'Remove email'}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
