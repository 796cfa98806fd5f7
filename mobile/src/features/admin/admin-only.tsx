import { Stack } from 'expo-router';
import type { ReactNode } from 'react';
import { StyleSheet, View } from 'react-native';
import { Notice } from '../../components/notice';
import { space } from '../../components/theme';
import { useCurrentUser } from '../../session/app-session';

/**
 * User Management is for admins only. Settings shows its rows only to them; a person who gets
 * here anyway (a shared link, a role taken away while the screen was open) reads why, rather
 * than a list the server would refuse.
 */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const user = useCurrentUser();
  if (user.role === 'admin' && user.status === 'active') return <>{children}</>;
  return (
    <View style={styles.wrap}>
      <Stack.Screen options={{ title }} />
      <Notice tone="error" title="Only admins can open User Management">
        {`You are signed in as ${user.username}, who is not an admin. Ask an admin of this server if you need access.`}
      </Notice>
    </View>
  );
}

const styles = StyleSheet.create({ wrap: { padding: space.md } });
