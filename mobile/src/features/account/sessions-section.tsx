import { useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { messageFor } from '@client';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { QueryState } from '../../components/query-state';
import { Section } from '../../components/screen';
import { colors, radius, space, TAP } from '../../components/theme';
import { relative } from '../../lib/format';
import { useEndSession, useSessions, type OpenSession } from './api';
import { deviceName } from './words';

/** Devices signed in to this account, this one first and marked, so a session you do not recognise can be ended. */
export function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  const [ending, setEnding] = useState<OpenSession | null>(null);
  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );
  const close = () => {
    end.reset();
    setEnding(null);
  };

  return (
    <Section title="Sessions">
      <QueryState
        query={sessions}
        loadingLabel="Loading sessions…"
        isEmpty={items.length === 0}
        empty={<Text style={styles.dimmed}>No open sessions.</Text>}
      >
        {items.map((s) => (
          <View key={s.id} style={styles.row}>
            <View style={styles.rowText}>
              <View style={styles.nameRow}>
                <Text style={styles.device}>{deviceName(s.userAgent)}</Text>
                {s.current ? <Badge label="This device" tone="accent" /> : null}
              </View>
              <Text style={styles.dimmed}>
                Signed in {relative(s.createdAt)} · last used {relative(s.lastUsedAt)}
              </Text>
            </View>
            {s.current ? null : (
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={`End session: ${deviceName(s.userAgent)}`}
                onPress={() => setEnding(s)}
                style={({ pressed }) => [styles.endButton, pressed && { opacity: 0.7 }]}
              >
                <Text style={styles.endText}>End session</Text>
              </Pressable>
            )}
          </View>
        ))}
        {items.length === 1 ? <Text style={styles.dimmed}>No other device is signed in.</Text> : null}
      </QueryState>
      <ConfirmDialog
        visible={ending !== null}
        title="End this session?"
        destructive
        confirmLabel="End session"
        busy={end.isPending}
        error={end.error ? messageFor(end.error) : null}
        onConfirm={() => ending && end.mutate(ending.id, { onSuccess: close })}
        onCancel={close}
      >
        {ending
          ? `${deviceName(ending.userAgent)} (last used ${relative(ending.lastUsedAt)}) will be signed out and has to sign in again.`
          : ''}
      </ConfirmDialog>
    </Section>
  );
}

const styles = StyleSheet.create({
  row: {
    gap: space.sm,
    paddingVertical: space.sm,
    borderTopWidth: StyleSheet.hairlineWidth,
    borderTopColor: colors.border,
  },
  rowText: { gap: 2 },
  nameRow: { flexDirection: 'row', alignItems: 'center', gap: space.sm, flexWrap: 'wrap' },
  device: { fontSize: 16, fontWeight: '600', color: colors.text, flexShrink: 1 },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 19 },
  endButton: {
    alignSelf: 'flex-start',
    minHeight: TAP,
    justifyContent: 'center',
    paddingHorizontal: space.md,
    borderRadius: radius,
    borderWidth: 1,
    borderColor: colors.border,
  },
  endText: { fontSize: 16, fontWeight: '600', color: colors.danger },
});
