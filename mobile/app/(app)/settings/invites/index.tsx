import { Stack, router } from 'expo-router';
import { useState } from 'react';
import { FlatList, StyleSheet, Text, View } from 'react-native';
import { INVITE_STATE_LABELS, messageFor } from '@client';
import { Button } from '../../../../src/components/button';
import { Notice } from '../../../../src/components/notice';
import { QueryState } from '../../../../src/components/query-state';
import { colors, space } from '../../../../src/components/theme';
import { AdminOnly } from '../../../../src/features/admin/admin-only';
import { useInvites, type InviteState } from '../../../../src/features/admin/api';
import { InviteCard } from '../../../../src/features/admin/invite-parts';
import { Segmented } from '../../../../src/features/admin/segmented';

type Filter = InviteState | 'all';

const FILTERS: readonly { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: INVITE_STATE_LABELS.active },
  { value: 'expired', label: INVITE_STATE_LABELS.expired },
  { value: 'exhausted', label: INVITE_STATE_LABELS.exhausted },
  { value: 'revoked', label: INVITE_STATE_LABELS.revoked },
];

/** Invites (User Management): newest first, by state, with Create Invite on top. */
export default function InvitesScreen() {
  return (
    <AdminOnly title="Invites">
      <InvitesList />
    </AdminOnly>
  );
}

function InvitesList() {
  const [filter, setFilter] = useState<Filter>('all');
  const state = filter === 'all' ? null : filter;
  const invites = useInvites(state);
  const items = invites.data?.pages.flatMap((p) => p.items) ?? [];
  const showing = invites.isPlaceholderData ? null : state;

  const header = (
    <View style={styles.header}>
      <Button label="Create Invite" onPress={() => router.push('/settings/invites/new')} />
      <Segmented label="Show invites" segments={FILTERS} value={filter} onChange={setFilter} scroll />
    </View>
  );

  const empty = (
    <QueryState
      query={invites}
      isEmpty
      loadingLabel="Loading invites…"
      empty={
        showing === null ? (
          <View style={styles.empty}>
            <Text style={styles.emptyTitle}>No invites yet — Create Invite</Text>
            <Text style={styles.dimmed}>
              An invite is a link that lets people create an account on this server. Create one, then share it.
            </Text>
          </View>
        ) : (
          <View style={styles.empty}>
            <Text style={styles.emptyTitle}>{`No ${INVITE_STATE_LABELS[showing].toLowerCase()} invites`}</Text>
            <Button label="Show all invites" variant="secondary" onPress={() => setFilter('all')} />
          </View>
        )
      }
    >
      {null}
    </QueryState>
  );

  const footer = (
    <View style={styles.footer}>
      {invites.isError && items.length > 0 ? (
        <Notice tone="error" title="Could not load more">
          {messageFor(invites.error)}
        </Notice>
      ) : null}
      {invites.hasNextPage ? (
        <Button
          label="Load more"
          variant="secondary"
          busy={invites.isFetchingNextPage}
          onPress={() => void invites.fetchNextPage()}
        />
      ) : null}
    </View>
  );

  return (
    <>
      <Stack.Screen options={{ title: 'Invites' }} />
      <FlatList
        data={items}
        keyExtractor={(i) => i.id}
        renderItem={({ item }) => (
          <InviteCard
            invite={item}
            onPress={() => router.push({ pathname: '/settings/invites/[id]', params: { id: item.id } })}
          />
        )}
        ListHeaderComponent={header}
        ListEmptyComponent={empty}
        ListFooterComponent={footer}
        contentContainerStyle={styles.content}
        contentInsetAdjustmentBehavior="automatic"
        refreshing={invites.isRefetching && !invites.isFetchingNextPage && !invites.isPlaceholderData}
        onRefresh={() => void invites.refetch()}
      />
    </>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.md, gap: space.sm, paddingBottom: space.xl },
  header: { gap: space.md, marginBottom: space.sm },
  footer: { gap: space.sm, marginTop: space.sm },
  empty: { alignItems: 'center', gap: space.sm, paddingVertical: space.lg },
  emptyTitle: { fontSize: 17, fontWeight: '600', color: colors.text, textAlign: 'center' },
  dimmed: { fontSize: 14, color: colors.dimmed, textAlign: 'center' },
});
