import { StyleSheet, Text, View } from 'react-native';
import { QueryState } from '../../components/query-state';
import { Section } from '../../components/screen';
import { colors, space } from '../../components/theme';
import { useLatestEntries } from './api';

/**
 * The newest entry of each kind in a line of words ("Weight 71.2 kg · 2 days ago"): what
 * changed lately, not a copy of the dashboard. Entries other than check-ins are added there.
 */
export function LatestEntries() {
  const latest = useLatestEntries();
  const nothing = latest.lines.every((l) => l.line === null);
  return (
    <Section title="Latest">
      <QueryState
        query={latest}
        loadingLabel="Loading your latest entries…"
        isEmpty={nothing}
        empty={
          <Text style={styles.empty}>
            Nothing here yet. Check in above; observations, lab results, interventions and health records are added from
            the Baseline dashboard in a browser, and the newest of each shows here.
          </Text>
        }
      >
        <View style={styles.list}>
          {latest.lines.map((l) => (
            <View key={l.kind} style={styles.row} accessible accessibilityLabel={`${l.title}: ${l.line ?? l.none}`}>
              <Text style={styles.title}>{l.title}</Text>
              <Text style={l.line ? styles.line : styles.none}>{l.line ?? l.none}</Text>
            </View>
          ))}
        </View>
      </QueryState>
    </Section>
  );
}

const styles = StyleSheet.create({
  list: { gap: space.md },
  row: { gap: 2 },
  title: { fontSize: 13, fontWeight: '600', color: colors.dimmed, textTransform: 'uppercase', letterSpacing: 0.5 },
  line: { fontSize: 16, color: colors.text },
  none: { fontSize: 15, color: colors.dimmed },
  empty: { fontSize: 15, color: colors.dimmed, textAlign: 'center', lineHeight: 21 },
});
