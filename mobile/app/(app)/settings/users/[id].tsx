import { Stack, router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { messageFor, type AdminUser } from '@client';
import { Badge } from '../../../../src/components/badge';
import { Button } from '../../../../src/components/button';
import { ConfirmDialog } from '../../../../src/components/confirm-dialog';
import { Notice } from '../../../../src/components/notice';
import { Section } from '../../../../src/components/screen';
import { colors, space } from '../../../../src/components/theme';
import { formatDate, relative } from '../../../../src/lib/format';
import { AdminOnly } from '../../../../src/features/admin/admin-only';
import { useAdminUser, useChangeUser } from '../../../../src/features/admin/api';
import { DeleteUserDialog } from '../../../../src/features/admin/delete-user-dialog';
import { Fact } from '../../../../src/features/admin/fact';
import { Loaded } from '../../../../src/features/admin/loaded';
import { RolePicker } from '../../../../src/features/admin/role-picker';
import { StatusBadge } from '../../../../src/features/admin/user-parts';
import { methodsText, SELF_EXPLANATION, SELF_TITLE } from '../../../../src/features/admin/words';
import { useCurrentUser } from '../../../../src/session/app-session';

/** One person (User Management → Users): role, status and Delete; the admin's own account says why it has neither. */
export default function UserScreen() {
  return (
    <AdminOnly title="User">
      <UserDetail />
    </AdminOnly>
  );
}

function UserDetail() {
  const { id = '' } = useLocalSearchParams<{ id: string }>();
  const me = useCurrentUser();
  const user = useAdminUser(id);
  const [deleted, setDeleted] = useState<string | null>(null);

  if (deleted)
    return (
      <ScrollView contentContainerStyle={styles.content} contentInsetAdjustmentBehavior="automatic">
        <Stack.Screen options={{ title: deleted }} />
        <Notice tone="success" title="Deleted">
          {`${deleted} and all their data were deleted.`}
        </Notice>
        <Button label="Back to Users" variant="secondary" onPress={() => router.back()} />
      </ScrollView>
    );

  return (
    <ScrollView
      contentContainerStyle={styles.content}
      contentInsetAdjustmentBehavior="automatic"
      keyboardShouldPersistTaps="handled"
      refreshControl={
        <RefreshControl
          refreshing={user.isRefetching}
          onRefresh={() => void user.refetch()}
          tintColor={colors.accent}
        />
      }
    >
      <Stack.Screen options={{ title: user.data?.username ?? 'User' }} />
      <Loaded query={user} loadingLabel="Loading this person…">
        {(data) => <UserBody user={data} isSelf={data.id === me.id} onDeleted={setDeleted} />}
      </Loaded>
    </ScrollView>
  );
}

function UserBody({
  user,
  isSelf,
  onDeleted,
}: {
  user: AdminUser;
  isSelf: boolean;
  onDeleted: (name: string) => void;
}) {
  const invite = user.invite;
  return (
    <>
      <Section>
        <View style={styles.who}>
          <Text accessibilityRole="header" style={styles.name}>
            {user.username}
          </Text>
          {isSelf ? <Badge label="You" tone="grey" /> : null}
        </View>
        {user.email ? <Text style={styles.dimmed}>{user.email}</Text> : null}
        <Fact label="Sign-in methods" value={methodsText(user.authMethods)} />
        <Fact
          label="Last sign-in"
          value={user.lastLoginAt ? relative(user.lastLoginAt) : 'Never'}
          at={user.lastLoginAt}
        />
        <Fact label="Joined" value={formatDate(user.createdAt)} />
        <Fact
          label="Invited by"
          value={
            user.invitedBy || user.invite
              ? [
                  user.invitedBy ? user.invitedBy.username : 'A deleted account',
                  user.invite ? (user.invite.label ? `“${user.invite.label}”` : 'an invite without a label') : null,
                ]
                  .filter(Boolean)
                  .join(', with ')
              : '—'
          }
        />
        {invite ? (
          <Button
            label="Open the invite"
            variant="subtle"
            accessibilityHint={`The invite ${user.username} registered with`}
            onPress={() => router.push({ pathname: '/settings/invites/[id]', params: { id: invite.id } })}
          />
        ) : null}
      </Section>
      <Section title="Role">
        <RolePicker user={user} isSelf={isSelf} />
      </Section>
      {isSelf ? (
        <Section title="Status">
          <StatusBadge status={user.status} />
          <Notice tone="info" title={SELF_TITLE}>
            {SELF_EXPLANATION}
          </Notice>
        </Section>
      ) : (
        <OtherPersonActions user={user} onDeleted={onDeleted} />
      )}
    </>
  );
}

/** Disable / Enable and Delete: only for someone else's account. */
function OtherPersonActions({ user, onDeleted }: { user: AdminUser; onDeleted: (name: string) => void }) {
  const change = useChangeUser();
  const [asking, setAsking] = useState<'disable' | 'delete' | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const setStatus = (status: AdminUser['status']) => {
    setDone(null);
    change.mutate(
      { id: user.id, change: { status } },
      {
        onSuccess: (changed) => {
          setAsking(null);
          setDone(
            changed.status === 'disabled'
              ? `${changed.username} is disabled. Nothing was deleted.`
              : `${changed.username} is enabled again.`,
          );
        },
      },
    );
  };
  const close = () => {
    setAsking(null);
    change.reset();
  };

  return (
    <>
      <Section title="Status">
        <StatusBadge status={user.status} />
        {user.status === 'active' ? (
          <Button
            label="Disable"
            variant="secondary"
            accessibilityHint={`Asks first. ${user.username} keeps their data and can be enabled again.`}
            onPress={() => {
              change.reset();
              setDone(null);
              setAsking('disable');
            }}
          />
        ) : (
          <Button label="Enable" variant="secondary" busy={change.isPending} onPress={() => setStatus('active')} />
        )}
        {done ? <Notice tone="success">{done}</Notice> : null}
        {change.isError && asking === null ? <Notice tone="error">{messageFor(change.error)}</Notice> : null}
      </Section>
      <Section title="Delete" danger>
        <Text style={styles.text}>
          {`Removes ${user.username} and all their data for good. Disabling keeps everything and can be undone.`}
        </Text>
        <Button
          label="Delete"
          variant="danger"
          accessibilityHint={`Asks first, then deletes ${user.username} permanently`}
          onPress={() => {
            setDone(null);
            setAsking('delete');
          }}
        />
      </Section>
      <ConfirmDialog
        visible={asking === 'disable'}
        title={`Disable ${user.username}?`}
        destructive
        confirmLabel={`Disable ${user.username}`}
        busy={change.isPending}
        error={change.isError ? messageFor(change.error) : null}
        onConfirm={() => setStatus('disabled')}
        onCancel={close}
      >
        <View style={styles.body}>
          <Text style={styles.text}>
            Their open sessions end now. They can still sign in to export their data or delete their account, but
            nothing else.
          </Text>
          <Text style={styles.dimmed}>Nothing is deleted. Enable them again at any time.</Text>
        </View>
      </ConfirmDialog>
      <DeleteUserDialog
        user={user}
        visible={asking === 'delete'}
        onClose={() => setAsking(null)}
        onDeleted={() => onDeleted(user.username)}
        onDisabled={() => {
          setAsking(null);
          setDone(`${user.username} is disabled. Nothing was deleted.`);
        }}
      />
    </>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.md, gap: space.md, paddingBottom: space.xl },
  who: { flexDirection: 'row', alignItems: 'center', gap: space.sm, flexWrap: 'wrap' },
  name: { fontSize: 22, fontWeight: '700', color: colors.text, flexShrink: 1 },
  body: { gap: space.sm },
  text: { fontSize: 15, color: colors.text, lineHeight: 21 },
  dimmed: { fontSize: 14, color: colors.dimmed },
});
