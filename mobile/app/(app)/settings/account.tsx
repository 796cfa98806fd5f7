import { Stack } from 'expo-router';
import { Button } from '../../../src/components/button';
import { Screen, Section } from '../../../src/components/screen';
import { useMe, useSignOut } from '../../../src/features/account/api';
import { DeleteAccountSection } from '../../../src/features/account/delete-account-section';
import { ExportSection } from '../../../src/features/account/export-section';
import { ProfileSection, SignInMethodsSection } from '../../../src/features/account/profile-section';
import { SessionsSection } from '../../../src/features/account/sessions-section';
import { useSessionSnapshot } from '../../../src/session/app-session';

/** Settings → Account: profile, sign-in methods, sessions, Export my data, Sign out, Delete my account. */
export default function AccountScreen() {
  const { user: signedIn } = useSessionSnapshot();
  const me = useMe();
  const signOut = useSignOut();
  const user = me.data ?? signedIn;
  // null for the moment between the session ending (signed out, deleted) and the layout showing Sign in
  if (!user) return null;
  return (
    <Screen title="Account" intro="Your profile, where you are signed in, and your data.">
      <Stack.Screen options={{ title: '' }} />
      <ProfileSection user={user} />
      <SignInMethodsSection user={user} />
      <SessionsSection />
      <Section title="Export my data">
        <ExportSection />
      </Section>
      <Section>
        <Button label="Sign out" variant="secondary" busy={signOut.isPending} onPress={() => signOut.mutate()} />
      </Section>
      <DeleteAccountSection user={user} />
    </Screen>
  );
}
