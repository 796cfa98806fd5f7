import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { colors } from '../../components/theme';
import { formatDateTime } from '../../lib/format';

/**
 * A label over its value — words, or a badge or code as `children` — read by VoiceOver as one
 * line ("State: Revoked"). `at` adds the exact time under a relative one ("expires in 6 days",
 * then "6 Dec 2026, 15:20"), since a phone has no hover to show it.
 */
export function Fact({
  label,
  value,
  spoken,
  at,
  children,
}: {
  label: string;
  value?: string;
  /** what a screen reader says instead of `value` ("0 of 2 uses" for "0 / 2") */
  spoken?: string;
  /** an ISO time shown exactly under the value */
  at?: string | null;
  children?: ReactNode;
}) {
  const exact = at ? formatDateTime(at) : null;
  return (
    <View
      style={styles.fact}
      accessible
      accessibilityLabel={[`${label}: ${spoken ?? value ?? ''}`, exact].filter(Boolean).join(', ')}
    >
      <Text style={styles.label}>{label}</Text>
      {children ?? <Text style={styles.value}>{value}</Text>}
      {exact ? <Text style={styles.exact}>{exact}</Text> : null}
    </View>
  );
}

const styles = StyleSheet.create({
  fact: { gap: 2 },
  label: { fontSize: 13, fontWeight: '600', color: colors.dimmed },
  value: { fontSize: 15, color: colors.text, lineHeight: 21 },
  exact: { fontSize: 13, color: colors.dimmed },
});
