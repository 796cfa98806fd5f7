import { router } from 'expo-router';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { Button } from '../../../src/components/button';
import { Screen, Section } from '../../../src/components/screen';
import { colors, space, TAP } from '../../../src/components/theme';
import { useAppSession, useClient, useCurrentUser } from '../../../src/session/app-session';

/** Settings: the account for everyone; User Management (Users, Invites) only for admins. */
export default function SettingsScreen() {
  const user = useCurrentUser();
  const { session } = useClient();
  const { connection, queryClient } = useAppSession();
  const signOut = async () => {
    await session.signOut();
    queryClient.clear();
  };
  return (
    <Screen title="Settings">
      <Section title="Account">
        <Row label="Account" detail={user.username} onPress={() => router.push('/settings/account')} />
      </Section>
      {user.role === 'admin' ? (
        <Section title="User Management">
          <Row label="Users" detail="Roles, status, delete" onPress={() => router.push('/settings/users')} />
          <Row label="Invites" detail="Create Invite, share, Revoke" onPress={() => router.push('/settings/invites')} />
        </Section>
      ) : null}
      <Section>
        <Text style={styles.dimmed}>Server: {connection?.url.replace(/^https?:\/\//, '')}</Text>
        <Button label="Sign out" variant="secondary" onPress={() => void signOut()} />
      </Section>
    </Screen>
  );
}

function Row({ label, detail, onPress }: { label: string; detail?: string; onPress: () => void }) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityHint={detail}
      onPress={onPress}
      style={({ pressed }) => [styles.row, pressed && { opacity: 0.7 }]}
    >
      <View style={styles.rowText}>
        <Text style={styles.rowLabel}>{label}</Text>
        {detail ? <Text style={styles.dimmed}>{detail}</Text> : null}
      </View>
      <Text style={styles.chevron} aria-hidden>
        ›
      </Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  row: { minHeight: TAP + 8, flexDirection: 'row', alignItems: 'center', gap: space.sm },
  rowText: { flex: 1, gap: 2 },
  rowLabel: { fontSize: 17, color: colors.text, fontWeight: '500' },
  dimmed: { fontSize: 14, color: colors.dimmed },
  chevron: { fontSize: 24, color: colors.dimmed },
});
