import { useCallback, useEffect, useState } from 'react';
import { ActivityIndicator, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';
import { messageFor, type User } from '@client';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { Section } from '../../components/screen';
import { colors, space } from '../../components/theme';
import { useClient } from '../../session/app-session';
import { STATUS_POLL_MS, useMe, useResume, useSignOut } from './api';
import { DeleteAccountSection } from './delete-account-section';
import { ExportSection } from './export-section';

/**
 * A disabled account's one screen: its status, Export my data with the history, Delete my
 * account and Sign out — nothing else. It asks the server every `pollMs`, when the app comes
 * back to the foreground and on pull-to-refresh; once an admin has enabled the account, the
 * limited session is resumed as a full one and the root layout opens the app, no sign-in needed.
 */
export function DisabledAccount({ user: signedIn, pollMs = STATUS_POLL_MS }: { user: User; pollMs?: number }) {
  const me = useMe({ pollMs });
  const user = me.data ?? signedIn;
  const resume = useResume();
  const signOut = useSignOut();
  const { session } = useClient();
  const [pulling, setPulling] = useState(false);
  const activeAgain = me.data?.status === 'active';

  // every fresh answer that says "active" tries to resume, unless a try is running or cannot succeed
  const { mutate, isPending, final } = resume;
  useEffect(() => {
    if (activeAgain && !isPending && !final) mutate();
    // dataUpdatedAt: a new answer from the server is a new reason to try
  }, [activeAgain, me.dataUpdatedAt, isPending, final, mutate]);

  const refresh = useCallback(async () => {
    setPulling(true);
    try {
      await me.refetch();
    } finally {
      setPulling(false);
    }
  }, [me]);

  return (
    <SafeAreaView style={styles.safe} edges={['top', 'left', 'right']}>
      <ScrollView
        testID="disabled-account"
        contentContainerStyle={styles.content}
        keyboardShouldPersistTaps="handled"
        refreshControl={
          <RefreshControl refreshing={pulling} onRefresh={() => void refresh()} tintColor={colors.accent} />
        }
      >
        {activeAgain ? (
          <View style={styles.header}>
            <Text accessibilityRole="header" style={styles.title}>
              Your account is active again
            </Text>
            {final ? (
              <Notice tone="info" title="Your account is active again. Sign in to continue.">
                An admin enabled your account. Sign in once more to use everything in Baseline.
              </Notice>
            ) : (
              <View style={styles.resuming} accessibilityRole="progressbar" accessibilityLabel="Opening Baseline…">
                <ActivityIndicator color={colors.accent} />
                <Text style={styles.body}>An admin enabled your account. Opening Baseline…</Text>
              </View>
            )}
            {resume.error && !final ? <Notice tone="error">{messageFor(resume.error)}</Notice> : null}
            {final ? <Button label="Sign in" onPress={() => void session.forget(null)} /> : null}
          </View>
        ) : (
          <View style={styles.header}>
            <Text accessibilityRole="header" style={styles.title}>
              Your account is disabled
            </Text>
            <Section>
              <View style={styles.nameRow}>
                <Text style={styles.username}>{user.username}</Text>
                <Badge label="Disabled" tone="red" />
              </View>
              <Text style={styles.body}>
                An admin disabled your account. Your data is kept. You can export it or delete your account.
              </Text>
              <Text style={styles.dimmed}>
                If you think this is a mistake, ask the admin of this server. When they enable your account again,
                Baseline opens by itself.
              </Text>
            </Section>
          </View>
        )}
        <Section title="Export my data">
          <ExportSection />
        </Section>
        <DeleteAccountSection user={user} />
        <Section>
          <Button label="Sign out" variant="secondary" busy={signOut.isPending} onPress={() => signOut.mutate()} />
        </Section>
      </ScrollView>
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  safe: { flex: 1, backgroundColor: colors.background },
  content: { padding: space.md, gap: space.md, paddingBottom: space.xl },
  header: { gap: space.sm },
  title: { fontSize: 28, fontWeight: '700', color: colors.text },
  nameRow: { flexDirection: 'row', alignItems: 'center', gap: space.sm, flexWrap: 'wrap' },
  username: { fontSize: 17, fontWeight: '600', color: colors.text },
  body: { fontSize: 15, color: colors.text, lineHeight: 21, flexShrink: 1 },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 19 },
  resuming: { flexDirection: 'row', alignItems: 'center', gap: space.sm },
});
