import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { colors, radius, space } from './theme';

const tones = {
  error: { backgroundColor: colors.dangerSoft, borderColor: '#ffc9c9', color: colors.danger },
  success: { backgroundColor: colors.successSoft, borderColor: '#b2f2bb', color: colors.success },
  warning: { backgroundColor: colors.warningSoft, borderColor: '#ffec99', color: colors.warning },
  info: { backgroundColor: colors.infoSoft, borderColor: '#99e9f2', color: colors.accent },
} as const;

/** A sentence that matters: an error in words, a success, a warning. Read out when it appears. */
export function Notice({ tone, title, children }: { tone: keyof typeof tones; title?: string; children?: ReactNode }) {
  const t = tones[tone];
  return (
    <View
      accessibilityRole={tone === 'error' ? 'alert' : 'summary'}
      accessibilityLiveRegion="polite"
      style={[styles.box, { backgroundColor: t.backgroundColor, borderColor: t.borderColor }]}
    >
      {title ? <Text style={[styles.title, { color: t.color }]}>{title}</Text> : null}
      {typeof children === 'string' ? <Text style={styles.body}>{children}</Text> : children}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { borderWidth: 1, borderRadius: radius, padding: 12, gap: space.xs },
  title: { fontSize: 15, fontWeight: '700' },
  body: { fontSize: 15, color: colors.text, lineHeight: 21 },
});
