import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import { ApiError, messageFor, type User } from '@client';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Section } from '../../components/screen';
import { colors } from '../../components/theme';
import { useDeleteAccount } from './api';
import { DELETE_ACCOUNT_LOSES } from './words';

/**
 * Delete my account: a red button, then "This action is permanent" naming everything that
 * will be lost, confirmed with the password — or, for an account that signs in only with Apple
 * or Google, the username typed. On success the app is back at Sign in, saying so.
 */
export function DeleteAccountSection({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteAccount();
  const hasPassword = user.authMethods.includes('password');
  const code = remove.error instanceof ApiError ? remove.error.code : null;
  const error =
    code === 'validation_failed'
      ? hasPassword
        ? 'That password is not right.'
        : 'Type your username exactly as shown.'
      : remove.error
        ? messageFor(remove.error)
        : null;

  const close = () => {
    remove.reset();
    setOpen(false);
  };
  return (
    <Section title="Delete my account" danger>
      <Text style={styles.body}>
        Deleting your account removes it and all of its data from this server. Export your data first if you want to
        keep a copy.
      </Text>
      <Button label="Delete my account" variant="danger" onPress={() => setOpen(true)} />
      <ConfirmDialog
        visible={open}
        title="This action is permanent"
        destructive
        confirmLabel="Delete my account"
        typed={
          hasPassword
            ? { label: 'Your password', secure: true }
            : { label: `Type your username, ${user.username}, to confirm`, expected: user.username }
        }
        busy={remove.isPending}
        error={error}
        onConfirm={(typed) => remove.mutate(hasPassword ? { password: typed } : { confirm: typed })}
        onCancel={close}
      >
        {DELETE_ACCOUNT_LOSES}
      </ConfirmDialog>
    </Section>
  );
}

const styles = StyleSheet.create({
  body: { fontSize: 15, color: colors.text, lineHeight: 21 },
});
