import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/**
 * A confirmation that names what happens, with the risky button red and Cancel first, so the
 * safe choice is the easy one. Focus is trapped in the dialog and Escape cancels.
 */
export function confirmAction({
  title,
  body,
  confirm,
  danger = false,
  onConfirm,
}: {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm: () => void;
}) {
  modals.openConfirmModal({
    title,
    centered: true,
    closeButtonProps: { 'aria-label': 'Close' },
    children: <Stack gap="sm">{typeof body === 'string' ? <Text size="sm">{body}</Text> : body}</Stack>,
    labels: { confirm, cancel: 'Cancel' },
    confirmProps: { color: danger ? 'red' : undefined },
    cancelProps: { variant: 'default', 'data-autofocus': true },
    onConfirm,
  });
}
