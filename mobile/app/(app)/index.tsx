import { StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../src/components/screen';
import { colors } from '../../src/components/theme';
import { LatestEntries } from '../../src/features/health/latest-entries';
import { TodayCheckIn } from '../../src/features/health/today-check-in';
import { useAppSession, useCurrentUser } from '../../src/session/app-session';

/** Home: today's check-in in a few taps, then the newest entry of each kind. */
export default function HomeScreen() {
  const user = useCurrentUser();
  const { connection } = useAppSession();
  return (
    <Screen title={`Hello, ${user.username}`}>
      <TodayCheckIn />
      <LatestEntries />
      {/* which account on which server: a self-hosted app may know several */}
      <View style={styles.footer}>
        <Text style={styles.dimmed}>Signed in as {user.username}.</Text>
        {connection ? <Text style={styles.dimmed}>Server: {connection.url.replace(/^https?:\/\//, '')}</Text> : null}
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  footer: { alignItems: 'center', gap: 2 },
  dimmed: { fontSize: 13, color: colors.dimmed },
});
