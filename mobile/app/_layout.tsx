import { Stack } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { ActivityIndicator, StyleSheet, View } from 'react-native';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { colors } from '../src/components/theme';
import { AppSessionProvider, useAppSession, useSessionSnapshot } from '../src/session/app-session';

/**
 * Which screens exist right now follows the session: signed out → server, sign in, sign up;
 * signed in → the app; a disabled account (limited token) → its one screen, nothing else.
 * A route that is not allowed sends the person to the first one that is.
 */
function Routes() {
  const { connection } = useAppSession();
  const snapshot = useSessionSnapshot();
  if (connection === undefined || snapshot.status === 'unknown')
    return (
      <View style={styles.splash} accessibilityLabel="Starting Baseline" accessibilityRole="progressbar">
        <ActivityIndicator color={colors.accent} size="large" />
      </View>
    );
  const signedIn = snapshot.status === 'signed-in';
  return (
    <Stack screenOptions={{ headerShown: false, contentStyle: { backgroundColor: colors.background } }}>
      <Stack.Protected guard={!signedIn}>
        <Stack.Screen name="sign-in" />
        <Stack.Screen name="server" />
        <Stack.Screen name="register" />
      </Stack.Protected>
      <Stack.Protected guard={signedIn && !snapshot.limited}>
        <Stack.Screen name="(app)" />
      </Stack.Protected>
      <Stack.Protected guard={signedIn && snapshot.limited}>
        <Stack.Screen name="disabled" />
      </Stack.Protected>
    </Stack>
  );
}

export default function RootLayout() {
  return (
    <SafeAreaProvider>
      <AppSessionProvider>
        <StatusBar style="dark" />
        <Routes />
      </AppSessionProvider>
    </SafeAreaProvider>
  );
}

const styles = StyleSheet.create({
  splash: { flex: 1, alignItems: 'center', justifyContent: 'center', backgroundColor: colors.background },
});
