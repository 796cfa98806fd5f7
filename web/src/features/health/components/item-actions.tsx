import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { notifyError, notifySuccess } from '../../../components/notify.ts';
import { useDeleteItem } from '../api.ts';
import type { HealthItem, KindDef } from '../kinds.ts';

/**
 * Edit and Delete for one item. Delete is red, never the default, and asks first, naming the
 * entry that will be lost.
 */
export function ItemActions({
  kind,
  item,
  onEdit,
}: {
  kind: KindDef;
  item: HealthItem;
  onEdit: (item: HealthItem) => void;
}) {
  const remove = useDeleteItem(kind.id);
  const name = kind.describe(item);

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${kind.singular}?`,
      children: <Text size="sm">{`Delete ${name}? This cannot be undone.`}</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () =>
        remove.mutate(item.id, {
          onSuccess: () => notifySuccess(`Deleted ${name}.`),
          onError: (error) => notifyError(error, 'Could not delete'),
        }),
    });

  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label="Edit">
        <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${name}`} onClick={() => onEdit(item)}>
          <IconPencil size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete">
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Delete ${name}`}
          onClick={confirmDelete}
          loading={remove.isPending}
        >
          <IconTrash size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
