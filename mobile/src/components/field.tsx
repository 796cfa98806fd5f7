import { forwardRef } from 'react';
import { StyleSheet, Text, TextInput, View, type TextInputProps } from 'react-native';
import { colors, radius, space, TAP } from './theme';

/**
 * A labelled text field. The label is visible and is the input's accessible name; `error`
 * (or `hint`) is shown under it and read with it.
 */
export const Field = forwardRef<
  TextInput,
  TextInputProps & { label: string; error?: string | null; hint?: string | null }
>(function Field({ label, error, hint, style, ...input }, ref) {
  const note = error ?? hint;
  return (
    <View style={styles.wrap}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        ref={ref}
        accessibilityLabel={label}
        accessibilityHint={note ?? undefined}
        placeholderTextColor="#868e96"
        style={[styles.input, error ? styles.inputError : null, style]}
        {...input}
      />
      {note ? (
        <Text style={[styles.note, error ? styles.error : null]} accessibilityLiveRegion="polite">
          {note}
        </Text>
      ) : null}
    </View>
  );
});

const styles = StyleSheet.create({
  wrap: { gap: space.xs },
  label: { fontSize: 15, fontWeight: '600', color: colors.text },
  input: {
    minHeight: TAP,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius,
    paddingHorizontal: 12,
    fontSize: 17,
    color: colors.text,
    backgroundColor: colors.surface,
  },
  inputError: { borderColor: colors.danger },
  note: { fontSize: 14, color: colors.dimmed },
  error: { color: colors.danger },
});
