import { userEvent } from '@testing-library/react-native';
import { act } from 'expo-router/testing-library';
import { AppState } from 'react-native';
import { today } from '../src/lib/format';
import { connectToServer, openApp, press, screen, signIn, waitFor } from './app';
import { call, changeUser, createPerson, login } from './server-api';

const mockShared: { name: string; bytes: Buffer }[] = [];
jest.mock('../src/features/account/save-export', () => ({
  openExportFile: (type: { name: string }) => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)),
      finish: async () => {
        mockShared.push({ ...type, bytes: Buffer.concat(chunks) });
      },
      discard: () => {},
    };
  },
}));

const keychain = () => (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain;

/** Pull-to-refresh on the disabled account's screen: "has anything changed?" — instead of waiting 30 s. */
async function pullToRefresh() {
  await userEvent.setup().pullToRefresh(screen.getByTestId('disabled-account'));
}

/** The phone brings the app back to the foreground: iOS tells every AppState listener. */
async function comeToTheForeground() {
  const calls = (AppState.addEventListener as jest.Mock).mock.calls as [string, (state: string) => void][];
  await act(async () => {
    for (const [event, listener] of calls) if (event === 'change') listener('active');
  });
}

/** Only the Disabled screen: no tabs, no Home, no Settings. */
function expectOnlyTheDisabledScreen() {
  expect(screen.getByRole('header', { name: 'Your account is disabled' })).toBeTruthy();
  expect(screen.queryByLabelText('Home')).toBeNull();
  expect(screen.queryByLabelText('Settings')).toBeNull();
  expect(screen.queryByText('Latest')).toBeNull();
}

describe('A disabled account', () => {
  it('signs in to the Disabled screen only, exports, and is back in the app without signing in once enabled', async () => {
    const person = await createPerson('disabled');
    await call('POST', '/api/v1/check-ins', person.accessToken, { date: today(), mood: 3 });
    await changeUser(person.id, { status: 'disabled' });

    await openApp();
    await connectToServer();
    await signIn(person.username, person.password);
    expect(await screen.findByRole('header', { name: 'Your account is disabled' })).toBeTruthy();
    expectOnlyTheDisabledScreen();
    expect(screen.getByText(person.username)).toBeTruthy();
    expect(screen.getByText('Disabled')).toBeTruthy();
    expect(
      screen.getByText('An admin disabled your account. Your data is kept. You can export it or delete your account.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete my account' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    // a limited session keeps no refresh token
    expect(keychain().get('baseline.refresh-token')).toBeUndefined();

    expect(await screen.findByText(/^No exports yet\./)).toBeTruthy();
    await press('Export my data');
    expect(await screen.findByText(/^Exported .* as baseline-export.*\.json\.$/)).toBeTruthy();
    const document = JSON.parse(mockShared[0]!.bytes.toString('utf8'));
    expect(document).toMatchObject({ format: 'baseline-export', user: { username: person.username } });
    expect(document.checkIns).toEqual([expect.objectContaining({ mood: 3 })]);
    expect(await screen.findByLabelText(/^JSON export, /)).toBeTruthy();

    // still disabled: asking again changes nothing
    await pullToRefresh();
    expectOnlyTheDisabledScreen();

    await changeUser(person.id, { status: 'active' });
    await comeToTheForeground();
    expect(await screen.findByRole('header', { name: `Hello, ${person.username}` })).toBeTruthy();
    expect(screen.getByLabelText('Settings')).toBeTruthy();
    // a full session now: a refresh token in the Keychain, and full access on the server
    await waitFor(() => expect(keychain().get('baseline.refresh-token')).toBeTruthy());
    expect(await screen.findByText('Mood 3/5 · today')).toBeTruthy();
  });

  it('moves a person disabled while signed in to the Disabled screen on their next request', async () => {
    const person = await createPerson('midway');
    await openApp();
    await connectToServer();
    await signIn(person.username, person.password);
    await screen.findByRole('header', { name: `Hello, ${person.username}` });
    await screen.findByRole('button', { name: 'Mood 2 of 5' });

    await changeUser(person.id, { status: 'disabled' });
    await press('Mood 2 of 5');
    await press('Save check-in');
    expect(await screen.findByRole('header', { name: 'Your account is disabled' })).toBeTruthy();
    expectOnlyTheDisabledScreen();

    // enabled again: this session lost its refresh token to the disable and cannot be resumed
    // (only a limited sign-in can), so the person is asked to sign in once more
    await changeUser(person.id, { status: 'active' });
    await pullToRefresh();
    expect(await screen.findByText('Your account is active again. Sign in to continue.')).toBeTruthy();
    await press('Sign in');
    expect(await screen.findByRole('header', { name: 'Sign in' })).toBeTruthy();
    await signIn(person.username, person.password);
    expect(await screen.findByRole('header', { name: `Hello, ${person.username}` })).toBeTruthy();
    // the check-in tapped while disabled was refused, not saved
    const { accessToken } = await login(person.username, person.password);
    expect(await call<{ items: unknown[] }>('GET', '/api/v1/check-ins', accessToken)).toMatchObject({ items: [] });
  });
});
