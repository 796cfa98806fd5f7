import { Pressable, StyleSheet, Text, View } from 'react-native';
import { colors, radius, space, TAP } from '../../components/theme';

export interface Choice {
  value: number;
  /** shown on the button: "4", "7 h" */
  short: string;
  /** the accessible name: "Mood 4 of 5", "Sleep 7 hours" */
  name: string;
  /** read after the name: "Good" */
  hint?: string;
}

/**
 * A row of large choices, one tap each (Home's check-in). The chosen one is filled and announced
 * as selected; tapping it again clears it, since every check-in value is optional.
 */
export function ChoiceRow({
  label,
  choices,
  value,
  onChange,
  ends,
}: {
  label: string;
  choices: readonly Choice[];
  value: number | null;
  onChange: (value: number | null) => void;
  /** words under the first and last choice ("Very low", "Very good") */
  ends?: [string, string];
}) {
  return (
    <View style={styles.wrap}>
      <Text style={styles.label}>{label}</Text>
      <View style={styles.row} accessibilityRole="radiogroup" accessibilityLabel={label}>
        {choices.map((c) => {
          const selected = c.value === value;
          return (
            <Pressable
              key={c.value}
              accessibilityRole="button"
              accessibilityLabel={c.name}
              accessibilityHint={c.hint}
              accessibilityState={{ selected }}
              onPress={() => onChange(selected ? null : c.value)}
              style={({ pressed }) => [styles.choice, selected && styles.selected, pressed && styles.pressed]}
            >
              <Text style={[styles.choiceText, selected && styles.selectedText]}>{c.short}</Text>
            </Pressable>
          );
        })}
      </View>
      {ends ? (
        <View style={styles.ends} aria-hidden>
          <Text style={styles.endText}>{ends[0]}</Text>
          <Text style={styles.endText}>{ends[1]}</Text>
        </View>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: space.xs },
  label: { fontSize: 15, fontWeight: '600', color: colors.text },
  row: { flexDirection: 'row', gap: space.sm },
  choice: {
    flex: 1,
    minHeight: TAP + 8,
    minWidth: TAP,
    borderRadius: radius,
    borderWidth: 1,
    borderColor: colors.border,
    backgroundColor: colors.surface,
    alignItems: 'center',
    justifyContent: 'center',
  },
  selected: { backgroundColor: colors.accent, borderColor: colors.accent },
  pressed: { opacity: 0.7 },
  choiceText: { fontSize: 18, fontWeight: '600', color: colors.text },
  selectedText: { color: colors.accentText },
  ends: { flexDirection: 'row', justifyContent: 'space-between' },
  endText: { fontSize: 13, color: colors.dimmed },
});
