import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { messageFor, type AdminUser } from '@client';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Notice } from '../../components/notice';
import { colors, space } from '../../components/theme';
import { useChangeUser, useDeleteUser } from './api';
import { DELETE_TITLE, DELETE_WARNING, DISABLE_VS_DELETE } from './words';

/**
 * Deleting a person is the one action nobody can undo, so the dialog says what goes, compares
 * Disable and Delete, offers Disable instead while the person is active, and only enables
 * Delete once the username is typed out exactly.
 */
export function DeleteUserDialog({
  user,
  visible,
  onClose,
  onDeleted,
  onDisabled,
}: {
  user: AdminUser;
  visible: boolean;
  onClose: () => void;
  onDeleted: () => void;
  onDisabled: () => void;
}) {
  const del = useDeleteUser();
  const disable = useChangeUser();
  const close = () => {
    del.reset();
    disable.reset();
    onClose();
  };
  const error = del.error ?? disable.error;
  return (
    <ConfirmDialog
      visible={visible}
      title={`Delete ${user.username}?`}
      destructive
      confirmLabel={`Delete ${user.username}`}
      typed={{ label: `Type ${user.username} to confirm`, expected: user.username }}
      busy={del.isPending}
      error={error ? messageFor(error) : null}
      onConfirm={() => del.mutate(user.id, { onSuccess: onDeleted })}
      onCancel={close}
      extra={
        user.status === 'active' ? (
          <Button
            label={`Disable ${user.username} instead`}
            variant="secondary"
            busy={disable.isPending}
            disabled={del.isPending}
            onPress={() =>
              disable.mutate({ id: user.id, change: { status: 'disabled' } }, { onSuccess: () => onDisabled() })
            }
          />
        ) : null
      }
    >
      <ScrollView style={styles.scroll} contentContainerStyle={styles.body}>
        <Notice tone="error" title={DELETE_TITLE}>
          {DELETE_WARNING}
        </Notice>
        <Text accessibilityRole="header" style={styles.heading}>
          Disable before deleting
        </Text>
        <Text style={styles.text}>
          {user.status === 'active'
            ? `Disabling is reversible and keeps everything; deleting is permanent. Disable first, and delete only when ${user.username} asks for it or the data must go.`
            : `${user.username} is already disabled. Delete only when ${user.username} asks for it or the data must go.`}
        </Text>
        <View accessibilityLabel="Disable vs Delete" style={styles.rows}>
          {DISABLE_VS_DELETE.map((row) => (
            <View key={row.what} style={styles.row}>
              <Text style={styles.what}>{row.what}</Text>
              <Text style={styles.small}>
                <Text style={styles.bold}>Disabled: </Text>
                {row.disable}
              </Text>
              <Text style={styles.small}>
                <Text style={styles.bold}>Deleted: </Text>
                {row.del}
              </Text>
            </View>
          ))}
        </View>
      </ScrollView>
    </ConfirmDialog>
  );
}

const styles = StyleSheet.create({
  scroll: { maxHeight: 320 },
  body: { gap: space.sm },
  heading: { fontSize: 16, fontWeight: '700', color: colors.text },
  text: { fontSize: 15, color: colors.text, lineHeight: 21 },
  rows: { gap: space.xs },
  row: { borderTopWidth: StyleSheet.hairlineWidth, borderColor: colors.border, paddingTop: space.xs, gap: 2 },
  what: { fontSize: 14, fontWeight: '700', color: colors.text },
  small: { fontSize: 13, color: colors.text, lineHeight: 18 },
  bold: { fontWeight: '700' },
});
