import { useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { messageFor, type CheckIn } from '@client';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { QueryState } from '../../components/query-state';
import { Section } from '../../components/screen';
import { colors, radius, space, TAP } from '../../components/theme';
import { formatDateTime, today } from '../../lib/format';
import { useSaveCheckIn, useTodayCheckIn, type CheckInValues } from './api';
import { ChoiceRow, type Choice } from './choice-row';
import { formatNumber, longDay } from './words';

const SCORE_WORDS = ['Very low', 'Low', 'OK', 'Good', 'Very good'] as const;
const scores = (label: string): Choice[] =>
  SCORE_WORDS.map((hint, i) => ({ value: i + 1, short: String(i + 1), name: `${label} ${i + 1} of 5`, hint }));
const MOOD = scores('Mood');
const ENERGY = scores('Energy');
const SLEEP: Choice[] = [5, 6, 7, 8, 9].map((h) => ({ value: h, short: `${h} h`, name: `Sleep ${h} hours` }));
const EMPTY: CheckInValues = { mood: null, energy: null, sleepHours: null };

const valuesOf = (c: CheckIn | null): CheckInValues =>
  c ? { mood: c.mood, energy: c.energy, sleepHours: c.sleepHours } : EMPTY;
const same = (a: CheckInValues, b: CheckInValues) =>
  a.mood === b.mood && a.energy === b.energy && a.sleepHours === b.sleepHours;

/**
 * Today's check-in — mood, energy, last night's sleep — in a few taps, the daily habit Home is
 * for. The values of an existing check-in are shown; saving changes it rather than adding one.
 */
export function TodayCheckIn() {
  const date = today();
  const query = useTodayCheckIn(date);
  return (
    <Section title={`Today, ${longDay()}`}>
      <QueryState query={query} loadingLabel="Loading today’s check-in…">
        {query.data !== undefined ? <CheckInForm key={date} date={date} saved={query.data} /> : null}
      </QueryState>
    </Section>
  );
}

function CheckInForm({ date, saved }: { date: string; saved: CheckIn | null }) {
  const save = useSaveCheckIn(date);
  // what the person changed since the last save; null shows the saved values
  const [edits, setEdits] = useState<CheckInValues | null>(null);
  const values = edits ?? valuesOf(saved);
  const changed = edits !== null && !same(edits, valuesOf(saved));
  const empty = same(values, EMPTY);
  const change = (patch: Partial<CheckInValues>) => {
    save.reset();
    setEdits({ ...values, ...patch });
  };
  const submit = () => save.mutate(values, { onSuccess: () => setEdits(null) });

  return (
    <View style={styles.form}>
      <ChoiceRow
        label="Mood"
        choices={MOOD}
        value={values.mood}
        onChange={(mood) => change({ mood })}
        ends={['Very low', 'Very good']}
      />
      <ChoiceRow
        label="Energy"
        choices={ENERGY}
        value={values.energy}
        onChange={(energy) => change({ energy })}
        ends={['Very low', 'Very good']}
      />
      <ChoiceRow label="Sleep" choices={SLEEP} value={values.sleepHours} onChange={(h) => change({ sleepHours: h })} />
      <SleepStepper hours={values.sleepHours} onChange={(sleepHours) => change({ sleepHours })} />
      {save.error ? <Notice tone="error">{messageFor(save.error)}</Notice> : null}
      {save.isSuccess && !changed ? (
        <Notice tone="success">Today’s check-in is saved.</Notice>
      ) : saved && !changed ? (
        <Text style={styles.dimmed}>
          You checked in today (last saved {formatDateTime(saved.updatedAt)}). Change anything and save again.
        </Text>
      ) : !saved && empty ? (
        <Text style={styles.dimmed}>Tap how you feel and how long you slept, then save.</Text>
      ) : null}
      <Button label="Save check-in" busy={save.isPending} disabled={!changed || empty} onPress={submit} />
    </View>
  );
}

/** Half-hour steps around the choices (7.5 h), from 0 to 24 as the API accepts. */
function SleepStepper({ hours, onChange }: { hours: number | null; onChange: (hours: number) => void }) {
  const step = (by: number) => onChange(Math.min(24, Math.max(0, (hours ?? 7) + by)));
  return (
    <View style={styles.stepper}>
      <StepButton label="Half an hour less sleep" text="−½ h" onPress={() => step(-0.5)} />
      <Text style={styles.hours} accessibilityLiveRegion="polite">
        {hours === null ? 'Sleep not set' : `${formatNumber(hours)} hours`}
      </Text>
      <StepButton label="Half an hour more sleep" text="+½ h" onPress={() => step(0.5)} />
    </View>
  );
}

function StepButton({ label, text, onPress }: { label: string; text: string; onPress: () => void }) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      onPress={onPress}
      style={({ pressed }) => [styles.step, pressed && { opacity: 0.7 }]}
    >
      <Text style={styles.stepText}>{text}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  form: { gap: space.md },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 20 },
  stepper: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', gap: space.sm },
  step: {
    minHeight: TAP,
    minWidth: TAP * 1.6,
    borderRadius: radius,
    borderWidth: 1,
    borderColor: colors.border,
    alignItems: 'center',
    justifyContent: 'center',
  },
  stepText: { fontSize: 16, fontWeight: '600', color: colors.accent },
  hours: { fontSize: 16, color: colors.text, fontWeight: '500' },
});
