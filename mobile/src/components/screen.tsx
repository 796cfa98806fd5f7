import type { ReactNode } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';
import { colors, space } from './theme';

/**
 * A screen: a title that screen readers announce as a header, optional intro, and content
 * that scrolls inside the safe area. `scroll={false}` when the content is a list of its own.
 */
export function Screen({
  title,
  intro,
  children,
  scroll = true,
  headerRight,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
  scroll?: boolean;
  headerRight?: ReactNode;
}) {
  const header = (
    <View style={styles.header}>
      <View style={styles.titleRow}>
        <Text accessibilityRole="header" style={styles.title}>
          {title}
        </Text>
        {headerRight}
      </View>
      {intro ? <Text style={styles.intro}>{intro}</Text> : null}
    </View>
  );
  return (
    <SafeAreaView style={styles.safe} edges={['top', 'left', 'right']}>
      {scroll ? (
        <ScrollView contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
          {header}
          {children}
        </ScrollView>
      ) : (
        <View style={[styles.content, styles.fill]}>
          {header}
          {children}
        </View>
      )}
    </SafeAreaView>
  );
}

/** A titled group of a screen, on a white card. */
export function Section({ title, children, danger }: { title?: string; children: ReactNode; danger?: boolean }) {
  return (
    <View style={[styles.section, danger && styles.sectionDanger]}>
      {title ? (
        <Text accessibilityRole="header" style={[styles.sectionTitle, danger && { color: colors.danger }]}>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  safe: { flex: 1, backgroundColor: colors.background },
  content: { padding: space.md, gap: space.md, paddingBottom: space.xl },
  fill: { flex: 1 },
  header: { gap: space.xs, marginBottom: space.xs },
  titleRow: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', gap: space.sm },
  title: { fontSize: 28, fontWeight: '700', color: colors.text, flexShrink: 1 },
  intro: { fontSize: 15, color: colors.dimmed, lineHeight: 21 },
  section: {
    backgroundColor: colors.surface,
    borderRadius: 12,
    borderWidth: StyleSheet.hairlineWidth,
    borderColor: colors.border,
    padding: space.md,
    gap: space.sm,
  },
  sectionDanger: { borderColor: '#ffc9c9' },
  sectionTitle: { fontSize: 17, fontWeight: '600', color: colors.text },
});
