import { StyleSheet, Text } from 'react-native';
import { colors } from '../../components/theme';

/** Which server this screen talks to, always in sight before a password is typed. */
export function ServerLine({ url }: { url: string }) {
  return (
    <Text style={styles.line} accessibilityLabel={`Server ${url}`}>
      Server: <Text style={styles.host}>{url.replace(/^https?:\/\//, '')}</Text>
    </Text>
  );
}

const styles = StyleSheet.create({
  line: { fontSize: 14, color: colors.dimmed },
  host: { fontWeight: '600', color: colors.text },
});
