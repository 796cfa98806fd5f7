import type { ReactNode } from 'react';
import { ActivityIndicator, StyleSheet, Text, View } from 'react-native';
import { messageFor } from '@client';
import { Button } from './button';
import { Notice } from './notice';
import { colors, space } from './theme';

/**
 * The three states every list has besides its content: loading, failed (with Retry), and
 * empty (saying what to do next). Renders `children` only once there is data to show.
 */
export function QueryState({
  query,
  isEmpty,
  empty,
  loadingLabel = 'Loading…',
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  isEmpty?: boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: ReactNode;
}) {
  if (query.isPending)
    return (
      <View style={styles.center} accessibilityRole="progressbar" accessibilityLabel={loadingLabel}>
        <ActivityIndicator color={colors.accent} />
        <Text style={styles.dimmed}>{loadingLabel}</Text>
      </View>
    );
  if (query.isError)
    return (
      <View style={styles.gap}>
        <Notice tone="error" title="Could not load this">
          {messageFor(query.error)}
        </Notice>
        <Button label="Retry" variant="secondary" onPress={() => void query.refetch()} />
      </View>
    );
  if (isEmpty) return <View style={styles.center}>{empty}</View>;
  return <>{children}</>;
}

const styles = StyleSheet.create({
  center: { alignItems: 'center', gap: space.sm, paddingVertical: space.lg },
  gap: { gap: space.sm },
  dimmed: { color: colors.dimmed, fontSize: 15 },
});
