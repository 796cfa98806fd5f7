import { StyleSheet, Text } from 'react-native';
import { colors } from './theme';

const tones = {
  green: { color: colors.success, backgroundColor: colors.successSoft },
  grey: { color: '#495057', backgroundColor: '#f1f3f5' },
  red: { color: colors.danger, backgroundColor: colors.dangerSoft },
  yellow: { color: colors.warning, backgroundColor: colors.warningSoft },
  accent: { color: colors.accent, backgroundColor: colors.infoSoft },
} as const;

/** A state as a word on a tint: colour and text, never colour alone. */
export function Badge({ label, tone }: { label: string; tone: keyof typeof tones }) {
  return <Text style={[styles.badge, tones[tone]]}>{label}</Text>;
}

const styles = StyleSheet.create({
  badge: {
    fontSize: 13,
    fontWeight: '600',
    paddingHorizontal: 8,
    paddingVertical: 2,
    borderRadius: 6,
    overflow: 'hidden',
    alignSelf: 'flex-start',
  },
});
