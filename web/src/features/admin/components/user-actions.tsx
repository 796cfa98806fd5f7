import { ActionIcon, Button, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import type { AdminUser } from '@client';
import { notifyError, notifySuccess } from '../../../components/notify.ts';
import { useChangeUser } from '../api.ts';
import { confirmAction } from './confirm.tsx';

export const SELF_TITLE = 'You cannot disable yourself';
export const SELF_EXPLANATION =
  'To prevent accidental lockout, admins cannot disable or delete their own account through the admin panel. Use the account deletion option in your own Settings.';

/**
 * Disable / Enable and Delete for one person. The admin's own row has neither and says why,
 * instead of offering buttons that the server would refuse.
 */
export function UserActions({
  user,
  isSelf,
  onDelete,
  compact = false,
}: {
  user: AdminUser;
  isSelf: boolean;
  onDelete: (user: AdminUser) => void;
  compact?: boolean;
}) {
  const change = useChangeUser();
  if (isSelf) return <SelfNote />;

  const setStatus = (status: AdminUser['status']) =>
    change.mutate(
      { id: user.id, change: { status } },
      {
        onSuccess: () =>
          notifySuccess(status === 'disabled' ? `${user.username} is disabled.` : `${user.username} is enabled again.`),
        onError: (error) =>
          notifyError(
            error,
            status === 'disabled' ? `Could not disable ${user.username}` : `Could not enable ${user.username}`,
          ),
      },
    );

  const onDisable = () =>
    confirmAction({
      title: `Disable ${user.username}?`,
      body: (
        <>
          <Text size="sm">
            Their open sessions end now. They can still sign in to export their data or delete their account, but
            nothing else.
          </Text>
          <Text size="sm" c="dimmed">
            Nothing is deleted. Enable them again at any time.
          </Text>
        </>
      ),
      confirm: `Disable ${user.username}`,
      danger: true,
      onConfirm: () => setStatus('disabled'),
    });

  return (
    <Group gap="xs" wrap="nowrap">
      {user.status === 'active' ? (
        <Button
          variant="default"
          size="sm"
          mih={44}
          onClick={onDisable}
          loading={change.isPending}
          aria-label={`Disable ${user.username}`}
        >
          Disable
        </Button>
      ) : (
        <Button
          variant="light"
          size="sm"
          mih={44}
          onClick={() => setStatus('active')}
          loading={change.isPending}
          aria-label={`Enable ${user.username}`}
        >
          Enable
        </Button>
      )}
      {compact ? (
        <Tooltip label="Delete">
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={() => onDelete(user)}
            aria-label={`Delete ${user.username}`}
          >
            <IconTrash size={20} aria-hidden />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Button
          variant="subtle"
          color="red"
          size="sm"
          mih={44}
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => onDelete(user)}
          aria-label={`Delete ${user.username}`}
        >
          Delete
        </Button>
      )}
    </Group>
  );
}

/** The own row's note, with the product's explanation one tap away. */
function SelfNote() {
  return (
    <Stack gap={0} align="flex-start" maw={200}>
      <Text size="sm" c="dimmed">
        {SELF_TITLE}
      </Text>
      <Popover width={300} position="bottom-end" withArrow shadow="md">
        <Popover.Target>
          <Button
            variant="subtle"
            size="compact-sm"
            mih={44}
            px={0}
            leftSection={<IconInfoCircle size={16} aria-hidden />}
          >
            Why?
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {SELF_TITLE}
            </Text>
            <Text size="sm">{SELF_EXPLANATION}</Text>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Stack>
  );
}
