import { notifications } from '@mantine/notifications';
import { messageFor } from '@client';

/** A short confirmation that something worked. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000, closeButtonProps: { 'aria-label': 'Dismiss' } });
}

/** A failed action, in the words of its error code. */
export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({
    color: 'red',
    title,
    message: messageFor(error),
    autoClose: 8000,
    closeButtonProps: { 'aria-label': 'Dismiss' },
  });
}
