import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { GRANT_ADMIN_WARNING, messageFor, type AdminUser } from '@client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Notice } from '../../components/notice';
import { colors, space } from '../../components/theme';
import { useChangeUser, type Role } from './api';
import { Segmented } from './segmented';
import { ROLE_LABELS } from './words';

const ROLES = [
  { value: 'admin', label: ROLE_LABELS.admin },
  { value: 'user', label: ROLE_LABELS.user },
] as const;

/**
 * Role as two segments, Admin and User. Granting admin always asks first, with the product's
 * warning; admins stepping down themselves are told they lose User Management. Demoting
 * someone else is reversible and happens at once.
 */
export function RolePicker({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const change = useChangeUser();
  const [asking, setAsking] = useState<Role | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const apply = (role: Role) => {
    setDone(null);
    change.mutate(
      { id: user.id, change: { role } },
      {
        onSuccess: (changed) => {
          setAsking(null);
          setDone(
            changed.role === 'admin' ? `${changed.username} is now an admin.` : `${changed.username} is now a user.`,
          );
        },
      },
    );
  };
  const choose = (role: Role) => {
    change.reset();
    if (role === 'admin' || isSelf) setAsking(role);
    else apply(role);
  };
  const cancel = () => {
    setAsking(null);
    change.reset();
  };

  return (
    <View style={styles.wrap}>
      <Segmented
        label={`Role of ${user.username}`}
        segments={ROLES}
        value={user.role}
        onChange={choose}
        disabled={change.isPending}
        showLabel={false}
      />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {change.isError && asking === null ? <Notice tone="error">{messageFor(change.error)}</Notice> : null}
      <ConfirmDialog
        visible={asking === 'admin'}
        title={`Make ${user.username} an admin?`}
        confirmLabel="Grant admin access"
        busy={change.isPending}
        error={change.isError ? messageFor(change.error) : null}
        onConfirm={() => apply('admin')}
        onCancel={cancel}
      >
        <View style={styles.body}>
          <Text style={styles.text}>{GRANT_ADMIN_WARNING}</Text>
          <Text style={styles.dimmed}>You can change the role back at any time.</Text>
        </View>
      </ConfirmDialog>
      <ConfirmDialog
        visible={asking === 'user'}
        title="Remove your own admin access?"
        confirmLabel="Remove my admin access"
        destructive
        busy={change.isPending}
        error={change.isError ? messageFor(change.error) : null}
        onConfirm={() => apply('user')}
        onCancel={cancel}
      >
        You will no longer see User Management, and only another admin can give admin access back to you.
      </ConfirmDialog>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: space.sm },
  body: { gap: space.sm },
  text: { fontSize: 15, color: colors.text, lineHeight: 21 },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 20 },
});
