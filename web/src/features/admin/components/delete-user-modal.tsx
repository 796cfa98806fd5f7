import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AdminUser } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifyError, notifySuccess } from '../../../components/notify.ts';
import { useChangeUser, useDeleteUser } from '../api.ts';
import { DisableVsDeleteTable } from './disable-vs-delete-table.tsx';

export const DELETE_WARNING =
  'Deleting a user permanently removes their account and all associated data (health records, check-ins, interventions, observations, lab results, integration tokens and export history). This cannot be undone.';

/**
 * Deleting a person is the one action nobody can undo, so the dialog says what goes, shows
 * Disable vs Delete, offers Disable instead, and only enables Delete once the username is
 * typed out exactly.
 */
export function DeleteUserModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={user !== null}
      onClose={onClose}
      title={user ? `Delete ${user.username}?` : 'Delete'}
      size={880}
      fullScreen={phone}
      centered
    >
      {user && <DeleteUserBody key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function DeleteUserBody({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const del = useDeleteUser();
  const disable = useChangeUser();
  const matches = typed.trim() === user.username;

  const onDelete = () =>
    del.mutate(user.id, {
      onSuccess: () => {
        notifySuccess(`${user.username} and all their data were deleted.`);
        onClose();
      },
    });
  const onDisable = () =>
    disable.mutate(
      { id: user.id, change: { status: 'disabled' } },
      {
        onSuccess: () => {
          notifySuccess(`${user.username} is disabled. Nothing was deleted.`);
          onClose();
        },
        onError: (error) => notifyError(error, `Could not disable ${user.username}`),
      },
    );

  return (
    <Stack gap="md">
      <Alert color="red" variant="light" title="This action is permanent" icon={<IconAlertTriangle aria-hidden />}>
        {DELETE_WARNING}
      </Alert>

      <Stack gap="xs">
        <Title order={3} size="h5">
          Disable before deleting
        </Title>
        <Text size="sm">
          Disabling is reversible and keeps everything; deleting is permanent. Disable first, and delete only when{' '}
          {user.username} asks for it or the data must go.
        </Text>
        {user.status === 'active' ? (
          <Button
            variant="default"
            onClick={onDisable}
            loading={disable.isPending}
            w={{ base: '100%', xs: 'fit-content' }}
            data-autofocus
          >
            Disable {user.username} instead
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {user.username} is already disabled.
          </Text>
        )}
        <DisableVsDeleteTable />
      </Stack>

      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (matches) onDelete();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={`Type ${user.username} to confirm`}
            description="The username, exactly as shown."
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus={user.status !== 'active' || undefined}
          />
          {del.error && <ErrorAlert error={del.error} title={`Could not delete ${user.username}`} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={del.isPending}>
              Delete {user.username}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
