import { Stack } from 'expo-router';
import { colors } from '../../../src/components/theme';

/** Settings pushes its pages (Account, Users, Invites…) with a back button. */
export default function SettingsLayout() {
  return (
    <Stack
      screenOptions={{
        headerTintColor: colors.accent,
        headerTitleStyle: { color: colors.text },
        contentStyle: { backgroundColor: colors.background },
        headerBackButtonDisplayMode: 'minimal',
      }}
    >
      <Stack.Screen name="index" options={{ headerShown: false, title: 'Settings' }} />
    </Stack>
  );
}
