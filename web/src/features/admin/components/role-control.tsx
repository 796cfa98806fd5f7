import { NativeSelect, Text } from '@mantine/core';
import { GRANT_ADMIN_WARNING, type AdminUser } from '@client';
import { notifyError, notifySuccess } from '../../../components/notify.ts';
import { useChangeUser } from '../api.ts';
import { confirmAction } from './confirm.tsx';

/** The product page's warning, shown before anyone is made an admin (shared with the iOS app). */
export { GRANT_ADMIN_WARNING };

/**
 * Role as a dropdown (Admin / User). Granting admin always asks first, with the product's
 * warning; an admin stepping down themselves is told they lose User Management. Demoting
 * someone else is reversible and happens at once.
 */
export function RoleControl({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const change = useChangeUser();
  const apply = (role: AdminUser['role']) =>
    change.mutate(
      { id: user.id, change: { role } },
      {
        onSuccess: () =>
          notifySuccess(role === 'admin' ? `${user.username} is now an admin.` : `${user.username} is now a user.`),
        onError: (error) => notifyError(error, `Could not change the role of ${user.username}`),
      },
    );

  const onChange = (role: AdminUser['role']) => {
    if (role === user.role) return;
    if (role === 'admin') {
      confirmAction({
        title: `Make ${user.username} an admin?`,
        body: (
          <>
            <Text size="sm">{GRANT_ADMIN_WARNING}</Text>
            <Text size="sm" c="dimmed">
              You can change the role back at any time.
            </Text>
          </>
        ),
        confirm: 'Grant admin access',
        onConfirm: () => apply('admin'),
      });
    } else if (isSelf) {
      confirmAction({
        title: 'Remove your own admin access?',
        body: 'You will no longer see User Management, and only another admin can give admin access back to you.',
        confirm: 'Remove my admin access',
        danger: true,
        onConfirm: () => apply('user'),
      });
    } else {
      apply('user');
    }
  };

  return (
    <NativeSelect
      aria-label={`Role of ${user.username}`}
      value={user.role}
      disabled={change.isPending}
      onChange={(e) => onChange(e.currentTarget.value === 'admin' ? 'admin' : 'user')}
      data={[
        { value: 'admin', label: 'Admin' },
        { value: 'user', label: 'User' },
      ]}
      w={108}
      styles={{ input: { minHeight: 44 } }}
    />
  );
}
