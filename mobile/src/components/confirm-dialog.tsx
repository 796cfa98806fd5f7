import { useEffect, useState, type ReactNode } from 'react';
import { Modal, StyleSheet, Text, View } from 'react-native';
import { Button } from './button';
import { Field } from './field';
import { Notice } from './notice';
import { colors, space } from './theme';

/**
 * Asks before anything that cannot be taken back. Destructive confirmations are red and are
 * never the default; `typed` makes the person type a word (a username) or a password first.
 * The same dialog on iOS and the web build, so screen tests and screenshots see what people see.
 */
export function ConfirmDialog({
  visible,
  title,
  children,
  confirmLabel,
  destructive = false,
  typed,
  busy = false,
  error,
  extra,
  onConfirm,
  onCancel,
}: {
  visible: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  typed?: { label: string; expected?: string; secure?: boolean };
  busy?: boolean;
  error?: string | null;
  /** another way out (Disable instead of Delete) */
  extra?: ReactNode;
  onConfirm: (typedValue: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState('');
  useEffect(() => {
    if (!visible) setValue('');
  }, [visible]);
  const ready = !typed || (typed.expected === undefined ? value.length > 0 : value === typed.expected);
  return (
    <Modal visible={visible} transparent animationType="fade" onRequestClose={onCancel}>
      <View style={styles.backdrop}>
        <View style={styles.card} accessibilityViewIsModal accessibilityRole="alert">
          <Text accessibilityRole="header" style={[styles.title, destructive && { color: colors.danger }]}>
            {title}
          </Text>
          {typeof children === 'string' ? <Text style={styles.body}>{children}</Text> : children}
          {typed ? (
            <Field
              label={typed.label}
              value={value}
              onChangeText={setValue}
              secureTextEntry={typed.secure}
              autoCapitalize="none"
              autoCorrect={false}
              autoFocus
            />
          ) : null}
          {error ? <Notice tone="error">{error}</Notice> : null}
          <View style={styles.actions}>
            <Button
              label={confirmLabel}
              variant={destructive ? 'danger' : 'primary'}
              busy={busy}
              disabled={!ready}
              onPress={() => onConfirm(value)}
            />
            {extra}
            <Button label="Cancel" variant="secondary" onPress={onCancel} disabled={busy} />
          </View>
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, backgroundColor: 'rgba(0,0,0,0.4)', justifyContent: 'center', padding: space.md },
  card: {
    backgroundColor: colors.surface,
    borderRadius: 14,
    padding: space.md + 4,
    gap: space.md,
    maxWidth: 480,
    width: '100%',
    alignSelf: 'center',
  },
  title: { fontSize: 20, fontWeight: '700', color: colors.text },
  body: { fontSize: 15, color: colors.text, lineHeight: 21 },
  actions: { gap: space.sm },
});
