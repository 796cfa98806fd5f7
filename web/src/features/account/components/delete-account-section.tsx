import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { ApiError, type User } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useDeleteAccount } from '../api.ts';

const LAST_ADMIN = 'You are the only admin. Make someone else an admin first.';

/**
 * Delete my account: a red button that opens a dialog naming everything that will be lost,
 * confirmed with the password (or the username typed, for an account without a password).
 */
export function DeleteAccountSection({ user }: { user: User }) {
  const [opened, setOpened] = useState(false);
  return (
    <Stack gap="sm">
      <Text size="sm">
        Deleting your account removes it and all of its data from this server. Export your data first if you want to
        keep a copy.
      </Text>
      <Button
        color="red.9"
        variant="outline"
        leftSection={<IconTrash size={18} aria-hidden />}
        onClick={() => setOpened(true)}
        style={{ alignSelf: 'flex-start' }}
      >
        Delete my account
      </Button>
      <DeleteAccountModal user={user} opened={opened} onClose={() => setOpened(false)} />
    </Stack>
  );
}

function DeleteAccountModal({ user, opened, onClose }: { user: User; opened: boolean; onClose: () => void }) {
  const hasPassword = user.authMethods.includes('password');
  const [value, setValue] = useState('');
  const remove = useDeleteAccount();
  const ready = hasPassword ? value.length > 0 : value.trim().toLowerCase() === user.username.toLowerCase();
  const fieldError =
    remove.error instanceof ApiError && remove.error.code === 'validation_failed'
      ? hasPassword
        ? 'That password is not right.'
        : 'Type your username exactly as shown.'
      : null;
  const lastAdmin = remove.error instanceof ApiError && remove.error.code === 'last_admin';

  const close = () => {
    setValue('');
    remove.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    remove.mutate(hasPassword ? { password: value } : { confirm: value.trim() });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Delete my account"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This action is permanent">
            <Stack gap="xs">
              <Text size="sm">Deleting your account permanently removes it and all associated data:</Text>
              <List size="sm" spacing={2}>
                <List.Item>health records, check-ins, interventions, observations and lab results</List.Item>
                <List.Item>integration tokens</List.Item>
                <List.Item>export history</List.Item>
              </List>
              <Text size="sm" fw={600}>
                This cannot be undone.
              </Text>
            </Stack>
          </Alert>
          {lastAdmin && (
            <Alert color="yellow" title="You cannot delete this account yet" role="alert">
              {LAST_ADMIN}
            </Alert>
          )}
          {remove.error && !fieldError && !lastAdmin && (
            <ErrorAlert error={remove.error} title="Could not delete your account" />
          )}
          {hasPassword ? (
            <PasswordInput
              label="Your password"
              description="Enter your password to confirm."
              autoComplete="current-password"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={fieldError}
              data-autofocus
            />
          ) : (
            <TextInput
              label={`Type your username, ${user.username}, to confirm`}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={fieldError}
              data-autofocus
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red.9" disabled={!ready} loading={remove.isPending}>
              Delete my account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
