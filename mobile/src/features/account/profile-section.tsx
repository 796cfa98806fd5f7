import { StyleSheet, Text, View } from 'react-native';
import type { User } from '@client';
import { Badge } from '../../components/badge';
import { Section } from '../../components/screen';
import { colors, space } from '../../components/theme';
import { METHOD_LABELS, ROLE_LABELS } from './words';

/** Who this account is: username, email and role, as an admin sees them too. */
export function ProfileSection({ user }: { user: User }) {
  return (
    <Section title="Profile">
      <Line label="Username" value={user.username} />
      <Line label="Email" value={user.email ?? 'No email'} dimmed={!user.email} />
      <View style={styles.line} accessible accessibilityLabel={`Role: ${ROLE_LABELS[user.role]}`}>
        <Text style={styles.label}>Role</Text>
        <Badge label={ROLE_LABELS[user.role]} tone={user.role === 'admin' ? 'accent' : 'grey'} />
      </View>
      <Text style={styles.note}>Email and password are changed on the Baseline dashboard in a browser.</Text>
    </Section>
  );
}

/** The ways this account signs in: Password, Google, Apple, each linked or not (in words, not colour alone). */
export function SignInMethodsSection({ user }: { user: User }) {
  return (
    <Section title="Sign-in methods">
      {(['password', 'google', 'apple'] as const).map((method) => {
        const linked = user.authMethods.includes(method);
        const state = linked
          ? method === 'password'
            ? 'Set'
            : 'Linked'
          : method === 'password'
            ? 'Not set'
            : 'Not linked';
        return (
          <View key={method} style={styles.line} accessible accessibilityLabel={`${METHOD_LABELS[method]}: ${state}`}>
            <Text style={styles.value}>{METHOD_LABELS[method]}</Text>
            <Badge label={state} tone={linked ? 'green' : 'grey'} />
          </View>
        );
      })}
      <Text style={styles.note}>Google is linked and methods are unlinked on the Baseline dashboard in a browser.</Text>
    </Section>
  );
}

function Line({ label, value, dimmed }: { label: string; value: string; dimmed?: boolean }) {
  return (
    <View style={styles.line} accessible accessibilityLabel={`${label}: ${value}`}>
      <Text style={styles.label}>{label}</Text>
      <Text style={[styles.value, dimmed && styles.dimmedValue]} selectable>
        {value}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  line: {
    minHeight: 36,
    flexDirection: 'row',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: space.md,
  },
  label: { fontSize: 15, color: colors.dimmed },
  value: { fontSize: 16, color: colors.text, flexShrink: 1, textAlign: 'right' },
  dimmedValue: { color: colors.dimmed },
  note: { fontSize: 13, color: colors.dimmed, lineHeight: 18 },
});
