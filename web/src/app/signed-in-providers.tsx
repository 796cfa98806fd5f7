import type { ReactNode } from 'react';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';

/**
 * Confirmation dialogs and notifications, which only signed-in pages use: loaded with them,
 * so the pages an invite link opens stay light.
 */
export default function SignedInProviders({ children }: { children: ReactNode }) {
  return (
    <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
      <Notifications position="top-right" />
      {children}
    </ModalsProvider>
  );
}
