import { DisabledAccount } from '../src/features/account/disabled-account';
import { useSessionSnapshot } from '../src/session/app-session';

/** Shown by the root layout, and nothing else is, while the session is limited (a disabled account). */
export default function DisabledScreen() {
  const { user } = useSessionSnapshot();
  // null for the moment between the session ending and the layout showing Sign in
  return user ? <DisabledAccount user={user} /> : null;
}
