import { Pressable, StyleSheet, Text, View } from 'react-native';
import type { AdminUser } from '@client';
import { Badge } from '../../components/badge';
import { colors, radius, space, TAP } from '../../components/theme';
import { lastSignInText, methodsText, ROLE_LABELS, STATUS_LABELS } from './words';

/** Active or Disabled: colour and word together. */
export function StatusBadge({ status }: { status: AdminUser['status'] }) {
  return <Badge label={STATUS_LABELS[status]} tone={status === 'active' ? 'green' : 'grey'} />;
}

/** Admin or User: colour and word together. */
export function RoleBadge({ role }: { role: AdminUser['role'] }) {
  return <Badge label={ROLE_LABELS[role]} tone={role === 'admin' ? 'accent' : 'grey'} />;
}

/**
 * One person in the Users list: who, how they sign in, role, status and when they last signed
 * in. The whole card is one button that opens the person; VoiceOver reads it as one sentence.
 */
export function UserCard({ user, isSelf, onPress }: { user: AdminUser; isSelf: boolean; onPress: () => void }) {
  const lastSignIn = lastSignInText(user.lastLoginAt);
  const spoken = [
    user.username,
    isSelf ? 'you' : null,
    ROLE_LABELS[user.role],
    STATUS_LABELS[user.status],
    methodsText(user.authMethods),
    lastSignIn,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={spoken}
      accessibilityHint="Opens role, status and Delete"
      onPress={onPress}
      style={({ pressed }) => [styles.card, pressed && styles.pressed]}
    >
      <View style={styles.top}>
        <View style={styles.who}>
          <Text style={styles.name}>{user.username}</Text>
          {isSelf ? <Badge label="You" tone="grey" /> : null}
        </View>
        <Text style={styles.chevron} aria-hidden>
          ›
        </Text>
      </View>
      {user.email ? <Text style={styles.dimmed}>{user.email}</Text> : null}
      <View style={styles.badges}>
        <RoleBadge role={user.role} />
        <StatusBadge status={user.status} />
      </View>
      <Text style={styles.dimmed}>{methodsText(user.authMethods)}</Text>
      <Text style={styles.dimmed}>{lastSignIn}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  card: {
    minHeight: TAP,
    backgroundColor: colors.surface,
    borderRadius: radius + 2,
    borderWidth: StyleSheet.hairlineWidth,
    borderColor: colors.border,
    padding: space.md,
    gap: space.xs,
  },
  pressed: { opacity: 0.7 },
  top: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', gap: space.sm },
  who: { flexDirection: 'row', alignItems: 'center', gap: space.sm, flexShrink: 1 },
  name: { fontSize: 17, fontWeight: '600', color: colors.text, flexShrink: 1 },
  chevron: { fontSize: 24, color: colors.dimmed },
  badges: { flexDirection: 'row', gap: space.sm, marginVertical: 2 },
  dimmed: { fontSize: 14, color: colors.dimmed },
});
