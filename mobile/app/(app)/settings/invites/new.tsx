import { Stack, router } from 'expo-router';
import { useState } from 'react';
import { ScrollView, StyleSheet, Text } from 'react-native';
import { messageFor } from '@client';
import { Button } from '../../../../src/components/button';
import { Field } from '../../../../src/components/field';
import { Notice } from '../../../../src/components/notice';
import { Section } from '../../../../src/components/screen';
import { colors, space } from '../../../../src/components/theme';
import { formatDateTime } from '../../../../src/lib/format';
import { AdminOnly } from '../../../../src/features/admin/admin-only';
import { useCreateInvite } from '../../../../src/features/admin/api';
import { Segmented } from '../../../../src/features/admin/segmented';

type Preset = 'never' | '1d' | '7d' | '30d';

const PRESETS: readonly { value: Preset; label: string; days: number | null }[] = [
  { value: 'never', label: 'Never', days: null },
  { value: '1d', label: '1 day', days: 1 },
  { value: '7d', label: '7 days', days: 7 },
  { value: '30d', label: '30 days', days: 30 },
];

const MAX_USES = 1_000_000;
const USES_ERROR = 'Enter a whole number from 1 to 1,000,000, or leave it blank for unlimited.';
const LABEL_MAX = 100;

/** When the invite stops working: counted from the moment of creating, not of opening the screen. */
function expiresAt(preset: Preset, now: number = Date.now()): string | null {
  const days = PRESETS.find((p) => p.value === preset)?.days ?? null;
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}

/** Blank is unlimited (null); anything else must be a whole number from 1 to 1,000,000. */
function parseMaxUses(text: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  if (!/^\d+$/.test(t)) return { error: USES_ERROR };
  const n = Number(t);
  return n >= 1 && n <= MAX_USES ? { value: n } : { error: USES_ERROR };
}

/** One sentence of what the admin is about to create. */
function summary(maxUses: number | null, preset: Preset): string {
  const who = maxUses === null ? 'any number of people' : maxUses === 1 ? 'one person' : `up to ${maxUses} people`;
  const at = expiresAt(preset);
  return at ? `The link works for ${who} until ${formatDateTime(at)}.` : `The link works for ${who} and never expires.`;
}

/** Create Invite: label, maximum uses (blank = unlimited), expiry; then the new invite opens, ready to share. */
export default function CreateInviteScreen() {
  return (
    <AdminOnly title="Create Invite">
      <CreateInviteForm />
    </AdminOnly>
  );
}

function CreateInviteForm() {
  const create = useCreateInvite();
  const [label, setLabel] = useState('');
  const [uses, setUses] = useState('');
  const [preset, setPreset] = useState<Preset>('7d');
  const [tried, setTried] = useState(false);

  const parsed = parseMaxUses(uses);
  const usesError = 'error' in parsed && (tried || uses.trim() !== '') ? parsed.error : null;
  const labelError = label.trim().length > LABEL_MAX ? `Keep the label to ${LABEL_MAX} characters or fewer.` : null;

  const submit = () => {
    setTried(true);
    if ('error' in parsed || labelError) return;
    create.mutate(
      { label: label.trim() || null, maxUses: parsed.value, expiresAt: expiresAt(preset) },
      { onSuccess: (invite) => router.replace({ pathname: '/settings/invites/[id]', params: { id: invite.id } }) },
    );
  };

  return (
    <ScrollView
      contentContainerStyle={styles.content}
      contentInsetAdjustmentBehavior="automatic"
      keyboardShouldPersistTaps="handled"
    >
      <Stack.Screen options={{ title: 'Create Invite' }} />
      <Section>
        <Field
          label="Label (optional)"
          placeholder="for Alex"
          hint="Only admins see it; it helps you remember who the invite is for."
          error={labelError}
          value={label}
          onChangeText={setLabel}
          autoCorrect={false}
          returnKeyType="next"
        />
        <Field
          label="Maximum uses (optional)"
          placeholder="Unlimited"
          hint="Leave blank for unlimited."
          error={usesError}
          value={uses}
          onChangeText={setUses}
          keyboardType="number-pad"
          returnKeyType="done"
        />
        <Segmented label="Expires" segments={PRESETS} value={preset} onChange={setPreset} />
        <Text style={styles.dimmed}>{'error' in parsed ? '' : summary(parsed.value, preset)}</Text>
        {create.error ? (
          <Notice tone="error" title="Could not create the invite">
            {messageFor(create.error)}
          </Notice>
        ) : null}
        <Button label="Create Invite" busy={create.isPending} disabled={usesError !== null} onPress={submit} />
      </Section>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.md, gap: space.md, paddingBottom: space.xl },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 20 },
});
