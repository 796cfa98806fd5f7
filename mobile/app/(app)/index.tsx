import { Screen } from '../../src/components/screen';
import { useCurrentUser } from '../../src/session/app-session';

export default function HomeScreen() {
  const user = useCurrentUser();
  return (
    <Screen title="Home" intro={`Signed in as ${user.username}.`}>
      {null}
    </Screen>
  );
}
