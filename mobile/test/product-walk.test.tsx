import { cleanup } from '@testing-library/react-native';
import { act, configure } from 'expo-router/testing-library';
import { AppState } from 'react-native';
import { ADMIN, connectToServer, fireEvent, openApp, openAppSignedIn, press, screen, signIn, type } from './app';
import { adminToken, call, changeUser, getUser, uniqueName } from './server-api';

configure({ asyncUtilTimeout: 5000 });

// the phone's file and share sheet: the exported bytes are kept here
const mockShared: Buffer[] = [];
jest.mock('../src/features/account/save-export', () => ({
  openExportFile: () => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)),
      finish: async () => {
        mockShared.push(Buffer.concat(chunks));
      },
      discard: () => {},
    };
  },
}));

const keychain = () => (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain;

/** Puts this phone down and picks up another one: nothing on screen, nothing in the Keychain. */
async function nextPhone() {
  await cleanup();
  keychain().clear();
}

async function comeToTheForeground() {
  const calls = (AppState.addEventListener as jest.Mock).mock.calls as [string, (state: string) => void][];
  await act(async () => {
    for (const [event, listener] of calls) if (event === 'change') listener('active');
  });
}

/** Admin's phone: User Management → Users → the person. */
async function adminOpensPerson(username: string) {
  await openAppSignedIn(ADMIN, '/settings/users');
  await type('Search users', username);
  await fireEvent.press(await screen.findByRole('button', { name: new RegExp(`^${username},`) }));
  await screen.findByRole('header', { name: username });
}

describe('the product page, walked from two phones', () => {
  it('invite → typed code → promote → disable → export only → re-enable → delete', async () => {
    // the admin creates an invite on their phone and reads its code out
    await openAppSignedIn(ADMIN, '/settings/invites');
    await press('Create Invite');
    await type('Label (optional)', 'for Alex');
    await type('Maximum uses (optional)', '1');
    await press('7 days');
    await press('Create Invite');
    await screen.findByRole('header', { name: 'for Alex' });
    const code = screen.getByText(/^[2-9A-Z]{5}-?[2-9A-Z]{5}-?[2-9A-Z]{5}$/).props.children as string;

    // Alex types it by hand on a new phone, lower case, with spaces
    await nextPhone();
    await openApp();
    await connectToServer();
    await fireEvent.press(screen.getByRole('link', { name: 'Create account' }));
    await type('Invite code', code.toLowerCase().replace(/-/g, ' '));
    await screen.findByText('This invite code is valid.');
    const alex = uniqueName('alex');
    await type('Username', alex);
    await type('Password', 'alex has a long passphrase');
    await press('Create account');
    await screen.findByRole('header', { name: `Hello, ${alex}` });
    const alexPhone = new Map(keychain());

    // the admin promotes Alex (after the warning), then steps them back and disables them
    await nextPhone();
    await adminOpensPerson(alex);
    const id = await findUserId(alex);
    await press('Admin');
    await press('Grant admin access');
    await screen.findByText(`${alex} is now an admin.`);
    expect((await getUser(id)).body).toMatchObject({ role: 'admin' });
    await press('User');
    await screen.findByText(`${alex} is now a user.`);
    await press('Disable');
    await press(`Disable ${alex}`);
    await screen.findByText(`${alex} is disabled. Nothing was deleted.`);

    // Alex's phone: the stored session was ended by the disable; signing in shows only export and delete
    await nextPhone();
    for (const [k, v] of alexPhone) keychain().set(k, v);
    await openApp();
    await screen.findByRole('header', { name: 'Sign in' });
    await signIn(alex, 'alex has a long passphrase');
    await screen.findByRole('header', { name: 'Your account is disabled' });
    expect(screen.getByRole('button', { name: 'Export my data' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete my account' })).toBeTruthy();
    expect(screen.queryByLabelText('Settings')).toBeNull();
    await press('Export my data');
    expect(await screen.findByText(/^Exported .* as baseline-export.*\.json\.$/)).toBeTruthy();
    expect(JSON.parse(mockShared[0]!.toString('utf8'))).toMatchObject({ user: { username: alex, status: 'disabled' } });

    // meanwhile the admin enables Alex again (from the dashboard); Alex's app notices on its next
    // request — here, coming back to the foreground — and returns without a new sign-in
    await changeUser(id, { status: 'active' });
    await comeToTheForeground();
    await screen.findByRole('header', { name: `Hello, ${alex}` });

    // the admin deletes Alex for good, after typing the name
    await nextPhone();
    await adminOpensPerson(alex);
    await press('Delete');
    await type(`Type ${alex} to confirm`, alex);
    await press(`Delete ${alex}`);
    await screen.findByText(new RegExp(`${alex}.*deleted`));
    expect((await getUser(id)).status).toBe(404);
  });
});

async function findUserId(username: string): Promise<string> {
  const list = await call<{ items: { id: string; username: string }[] }>(
    'GET',
    `/api/v1/admin/users?q=${encodeURIComponent(username)}`,
    await adminToken(),
  );
  const found = list.items.find((u) => u.username === username);
  if (!found) throw new Error(`${username} not listed`);
  return found.id;
}
