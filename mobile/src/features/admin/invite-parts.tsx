import { Pressable, StyleSheet, Text, View, Platform } from 'react-native';
import { INVITE_STATE_LABELS, inviteUses, type Invite } from '@client';
import { Badge } from '../../components/badge';
import { colors, radius, space, TAP } from '../../components/theme';
import { expiryText, usesSpoken } from './words';

const STATE_TONES = { active: 'green', expired: 'yellow', exhausted: 'grey', revoked: 'red' } as const;

/** Active, Expired, Used up or Revoked: colour and word together. */
export function InviteStateBadge({ state }: { state: Invite['state'] }) {
  return <Badge label={INVITE_STATE_LABELS[state]} tone={STATE_TONES[state]} />;
}

/** The code as people type it: monospace, so 0/O and 1/I never get confused. */
export function InviteCode({ code }: { code: string }) {
  return (
    <Text style={styles.code} selectable>
      {code}
    </Text>
  );
}

/**
 * One invite in the Invites list: label (or "No label"), code, uses, expiry and state. The
 * card is one button that opens the invite.
 */
export function InviteCard({ invite, onPress }: { invite: Invite; onPress: () => void }) {
  const expiry = expiryText(invite.expiresAt);
  const name = invite.label ?? 'No label';
  const spoken = [name, INVITE_STATE_LABELS[invite.state], usesSpoken(invite), expiry].join(', ');
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={spoken}
      accessibilityHint="Opens the invite: share, copy, Revoke"
      onPress={onPress}
      style={({ pressed }) => [styles.card, pressed && styles.pressed]}
    >
      <View style={styles.top}>
        <Text style={[styles.name, !invite.label && styles.noLabel]}>{name}</Text>
        <InviteStateBadge state={invite.state} />
      </View>
      <Text style={styles.codeSmall}>{invite.code}</Text>
      <View style={styles.facts}>
        <Text style={styles.dimmed}>{inviteUses(invite)}</Text>
        <Text style={styles.dimmed}>{expiry}</Text>
      </View>
    </Pressable>
  );
}

/** Codes are read aloud and typed: a monospaced face (Menlo on iOS; the platform's elsewhere). */
const mono = { fontFamily: Platform.select({ ios: 'Menlo', default: 'monospace' }), letterSpacing: 1 } as const;

const styles = StyleSheet.create({
  card: {
    minHeight: TAP,
    backgroundColor: colors.surface,
    borderRadius: radius + 2,
    borderWidth: StyleSheet.hairlineWidth,
    borderColor: colors.border,
    padding: space.md,
    gap: space.xs,
  },
  pressed: { opacity: 0.7 },
  top: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', gap: space.sm },
  name: { fontSize: 17, fontWeight: '600', color: colors.text, flexShrink: 1 },
  noLabel: { color: colors.dimmed, fontStyle: 'italic' },
  codeSmall: { ...mono, fontSize: 14, color: colors.text },
  code: { ...mono, fontSize: 20, color: colors.text },
  facts: { flexDirection: 'row', justifyContent: 'space-between', gap: space.sm },
  dimmed: { fontSize: 14, color: colors.dimmed },
});
