import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { colors, radius, space, TAP } from '../../components/theme';

/** One choice of a segmented control: the visible word is its accessible name. */
export interface Segment<T extends string> {
  value: T;
  label: string;
}

/**
 * A segmented control (Role: Admin / User; Expires: Never … 30 days; the invite filter), each
 * segment a 44 pt button announced as selected or not. `scroll` lets many segments slide
 * sideways on a narrow phone instead of squeezing their words.
 */
export function Segmented<T extends string>({
  label,
  segments,
  value,
  onChange,
  disabled = false,
  scroll = false,
  showLabel = true,
}: {
  label: string;
  segments: readonly Segment<T>[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  scroll?: boolean;
  showLabel?: boolean;
}) {
  const buttons = segments.map((s) => {
    const selected = s.value === value;
    return (
      <Pressable
        key={s.value}
        accessibilityRole="button"
        accessibilityLabel={s.label}
        accessibilityHint={label}
        accessibilityState={{ selected, disabled }}
        disabled={disabled}
        onPress={() => {
          if (!selected) onChange(s.value);
        }}
        style={({ pressed }) => [
          styles.segment,
          scroll ? styles.segmentScroll : styles.segmentFill,
          selected && styles.selected,
          disabled && styles.off,
          pressed && styles.pressed,
        ]}
      >
        <Text style={[styles.text, selected && styles.selectedText]}>{s.label}</Text>
      </Pressable>
    );
  });
  return (
    <View style={styles.wrap}>
      {showLabel ? <Text style={styles.label}>{label}</Text> : null}
      {scroll ? (
        <ScrollView
          horizontal
          showsHorizontalScrollIndicator={false}
          contentContainerStyle={styles.row}
          accessibilityRole="radiogroup"
          accessibilityLabel={label}
        >
          {buttons}
        </ScrollView>
      ) : (
        <View style={styles.row} accessibilityRole="radiogroup" accessibilityLabel={label}>
          {buttons}
        </View>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: space.xs },
  label: { fontSize: 15, fontWeight: '600', color: colors.text },
  row: { flexDirection: 'row', gap: space.xs },
  segment: {
    minHeight: TAP,
    minWidth: TAP,
    borderRadius: radius,
    borderWidth: 1,
    borderColor: colors.border,
    backgroundColor: colors.surface,
    alignItems: 'center',
    justifyContent: 'center',
  },
  segmentFill: { flex: 1, paddingHorizontal: space.xs },
  segmentScroll: { paddingHorizontal: space.md },
  selected: { backgroundColor: colors.accent, borderColor: colors.accent },
  off: { opacity: 0.5 },
  pressed: { opacity: 0.7 },
  text: { fontSize: 15, fontWeight: '600', color: colors.text },
  selectedText: { color: colors.accentText },
});
