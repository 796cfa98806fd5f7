import { Stack, router } from 'expo-router';
import { useState } from 'react';
import { FlatList, StyleSheet, Text, View } from 'react-native';
import { Button } from '../../../../src/components/button';
import { Field } from '../../../../src/components/field';
import { Notice } from '../../../../src/components/notice';
import { QueryState } from '../../../../src/components/query-state';
import { colors, space } from '../../../../src/components/theme';
import { AdminOnly } from '../../../../src/features/admin/admin-only';
import { useAdminUsers } from '../../../../src/features/admin/api';
import { useSettled } from '../../../../src/lib/use-settled';
import { UserCard } from '../../../../src/features/admin/user-parts';
import { useCurrentUser } from '../../../../src/session/app-session';
import { messageFor } from '@client';

/** Users (User Management): everyone on this server, searchable, 50 at a time. */
export default function UsersScreen() {
  return (
    <AdminOnly title="Users">
      <UsersList />
    </AdminOnly>
  );
}

function UsersList() {
  const me = useCurrentUser();
  const [typed, setTyped] = useState('');
  const q = useSettled(typed.trim(), 300);
  const users = useAdminUsers(q);
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const searching = users.isPlaceholderData || typed.trim() !== q;

  const header = (
    <View style={styles.header}>
      <Field
        label="Search users"
        hint="Username or email"
        value={typed}
        onChangeText={setTyped}
        autoCapitalize="none"
        autoCorrect={false}
        clearButtonMode="while-editing"
        returnKeyType="search"
      />
      {searching ? <Text style={styles.dimmed}>Searching…</Text> : null}
    </View>
  );

  const empty = (
    <QueryState
      query={users}
      isEmpty
      loadingLabel="Loading users…"
      empty={
        q ? (
          <View style={styles.empty}>
            <Text style={styles.emptyTitle}>{`No users match “${q}”`}</Text>
            <Text style={styles.dimmed}>Check the spelling, or search by email instead.</Text>
            <Button label="Clear search" variant="secondary" onPress={() => setTyped('')} />
          </View>
        ) : (
          <View style={styles.empty}>
            <Text style={styles.emptyTitle}>No users yet — Create Invite</Text>
            <Text style={styles.dimmed}>People join this server with an invite link.</Text>
            <Button label="Create Invite" onPress={() => router.push('/settings/invites/new')} />
          </View>
        )
      }
    >
      {null}
    </QueryState>
  );

  const footer = (
    <View style={styles.footer}>
      {users.isError && items.length > 0 ? (
        <Notice tone="error" title="Could not load more">
          {messageFor(users.error)}
        </Notice>
      ) : null}
      {users.hasNextPage ? (
        <Button
          label="Load more"
          variant="secondary"
          busy={users.isFetchingNextPage}
          onPress={() => void users.fetchNextPage()}
        />
      ) : null}
    </View>
  );

  return (
    <>
      <Stack.Screen options={{ title: 'Users' }} />
      <FlatList
        data={items}
        keyExtractor={(u) => u.id}
        renderItem={({ item }) => (
          <UserCard
            user={item}
            isSelf={item.id === me.id}
            onPress={() => router.push({ pathname: '/settings/users/[id]', params: { id: item.id } })}
          />
        )}
        ListHeaderComponent={header}
        ListEmptyComponent={empty}
        ListFooterComponent={footer}
        contentContainerStyle={styles.content}
        contentInsetAdjustmentBehavior="automatic"
        keyboardShouldPersistTaps="handled"
        keyboardDismissMode="on-drag"
        refreshing={users.isRefetching && !users.isFetchingNextPage && !users.isPlaceholderData}
        onRefresh={() => void users.refetch()}
      />
    </>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.md, gap: space.sm, paddingBottom: space.xl },
  header: { gap: space.xs, marginBottom: space.sm },
  footer: { gap: space.sm, marginTop: space.sm },
  empty: { alignItems: 'center', gap: space.sm, paddingVertical: space.lg },
  emptyTitle: { fontSize: 17, fontWeight: '600', color: colors.text, textAlign: 'center' },
  dimmed: { fontSize: 14, color: colors.dimmed, textAlign: 'center' },
});
