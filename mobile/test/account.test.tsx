import { today } from '../src/lib/format';
import { SERVER, connectToServer, fireEvent, openApp, press, screen, signIn, type, waitFor } from './app';
import { call, createPerson, getUser } from './server-api';

/** What the share sheet was handed: the phone's file system and share sheet are native, so they are stood in for. */
const mockShared: { name: string; mimeType: string; bytes: Buffer }[] = [];
/** The share sheet stays open until the test closes it, so the progress line can be read. */
let mockCloseShareSheet: () => void = () => {};
jest.mock('../src/features/account/save-export', () => ({
  openExportFile: (type: { name: string; mimeType: string }) => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)),
      finish: async () => {
        await new Promise<void>((resolve) => (mockCloseShareSheet = resolve));
        mockShared.push({ ...type, bytes: Buffer.concat(chunks) });
      },
      discard: () => {},
    };
  },
}));

const keychain = () => (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain;

const SAFARI_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** A sign-in from another device, over HTTP: its own session, with its own user agent. */
async function signInElsewhere(person: { username: string; password: string }) {
  const response = await fetch(`${SERVER}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': SAFARI_ON_MAC },
    body: JSON.stringify({ username: person.username, password: person.password }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accessToken: string; refreshToken: string };
}

async function refreshStatus(refreshToken: string) {
  const response = await fetch(`${SERVER}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  return response.status;
}

async function meStatus(accessToken: string) {
  return (await fetch(`${SERVER}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

/** Signs the person in on the phone and opens Settings → Account. */
async function openAccount(person: { username: string; password: string }) {
  await openApp();
  await connectToServer();
  await signIn(person.username, person.password);
  await screen.findByRole('header', { name: `Hello, ${person.username}` });
  await press('Settings');
  await press('Account');
  await screen.findByRole('header', { name: 'Profile' });
}

/** The button of the open confirmation dialog (the screen behind it may have one of the same name). */
const dialogButton = (name: string) => screen.getAllByRole('button', { name }).at(-1)!;

describe('Settings → Account', () => {
  it('shows the profile and sign-in methods, lists sessions with this device first, and ends another one', async () => {
    const person = await createPerson('sessions');
    // the person is signed in on a laptop too
    const laptop = await signInElsewhere(person);
    await openAccount(person);
    expect(screen.getByLabelText(`Username: ${person.username}`)).toBeTruthy();
    expect(screen.getByLabelText('Role: User')).toBeTruthy();
    expect(screen.getByLabelText('Password: Set')).toBeTruthy();
    expect(screen.getByLabelText('Google: Not linked')).toBeTruthy();
    expect(screen.getByLabelText('Apple: Not linked')).toBeTruthy();
    const end = await screen.findByRole('button', { name: 'End session: Safari on macOS' });
    expect(screen.getAllByText('This device')).toHaveLength(1);
    expect(screen.getByText('Safari on macOS')).toBeTruthy();

    await fireEvent.press(end);
    expect(await screen.findByText('End this session?')).toBeTruthy();
    await fireEvent.press(dialogButton('End session'));
    await waitFor(() => expect(screen.queryByText('Safari on macOS')).toBeNull());
    // ended on the server: neither of the laptop's tokens works any more
    expect(await meStatus(laptop.accessToken)).toBe(401);
    expect(await refreshStatus(laptop.refreshToken)).toBe(401);
    expect(screen.getByText('This device')).toBeTruthy();
  });

  it('exports the person’s data as JSON with a progress line, hands real bytes to the share sheet, and the history grows', async () => {
    const person = await createPerson('export');
    const checkIn = await call<{ id: string }>('POST', '/api/v1/check-ins', person.accessToken, {
      date: today(),
      mood: 4,
      notes: 'exported',
    });
    await openAccount(person);
    expect(
      await screen.findByText('No exports yet. Your exports will be listed here, with their date, format and size.'),
    ).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'JSON' })).toBeChecked();

    await press('Export my data');
    expect(await screen.findByText(/^\d+(\.\d)? KB received\. Choose where to keep it\.$/)).toBeTruthy();
    mockCloseShareSheet();
    expect(await screen.findByText(/^Exported \d+(\.\d)? KB as baseline-export.*\.json\.$/)).toBeTruthy();

    expect(mockShared).toHaveLength(1);
    const shared = mockShared[0]!;
    expect(shared.mimeType).toBe('application/json');
    const document = JSON.parse(shared.bytes.toString('utf8'));
    expect(document).toMatchObject({ format: 'baseline-export', user: { id: person.id, username: person.username } });
    expect(document.checkIns).toEqual([expect.objectContaining({ id: checkIn.id, mood: 4, notes: 'exported' })]);

    // recorded by the server, whole, and listed on the screen
    const history = await call<{ items: { format: string; bytes: number }[] }>(
      'GET',
      '/api/v1/me/exports',
      person.accessToken,
    );
    expect(history.items).toEqual([expect.objectContaining({ format: 'json', bytes: shared.bytes.length })]);
    expect(await screen.findByLabelText(/^JSON export, \d+(\.\d)? KB, /)).toBeTruthy();

    // and a ZIP: one more in the history
    await fireEvent.press(screen.getByRole('radio', { name: 'ZIP' }));
    expect(screen.getByRole('radio', { name: 'ZIP' })).toBeChecked();
    await press('Export my data');
    await screen.findByText(/received\. Choose where to keep it\.$/);
    mockCloseShareSheet();
    await screen.findByText(/^Exported .* as baseline-export.*\.zip\.$/);
    expect(mockShared[1]!.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await screen.findByLabelText(/^ZIP export, /)).toBeTruthy();
    expect(screen.getByLabelText(/^JSON export, /)).toBeTruthy();
  });

  it('signs out: back at Sign in, and the phone’s refresh token no longer works on the server', async () => {
    const person = await createPerson('signout');
    await openAccount(person);
    const refreshToken = keychain().get('baseline.refresh-token');
    expect(refreshToken).toBeTruthy();

    await press('Sign out');
    expect(await screen.findByRole('header', { name: 'Sign in' })).toBeTruthy();
    expect(keychain().get('baseline.refresh-token')).toBeUndefined();
    expect(await refreshStatus(refreshToken!)).toBe(401);
  });

  it('deletes the account only with the right password, then Sign in says so and the account is gone', async () => {
    const person = await createPerson('delete');
    await openAccount(person);
    await press('Delete my account');
    expect(await screen.findByText('This action is permanent')).toBeTruthy();
    expect(screen.getByText(/health records, check-ins, interventions, observations, lab results/)).toBeTruthy();
    expect(dialogButton('Delete my account')).toBeDisabled();

    await type('Your password', 'not my password at all');
    await fireEvent.press(dialogButton('Delete my account'));
    expect(await screen.findByText('That password is not right.')).toBeTruthy();
    expect((await getUser(person.id)).status).toBe(200);

    await type('Your password', person.password);
    await fireEvent.press(dialogButton('Delete my account'));
    expect(await screen.findByText('Your account and all of its data were deleted.')).toBeTruthy();
    expect(screen.getByRole('header', { name: 'Sign in' })).toBeTruthy();
    expect((await getUser(person.id)).status).toBe(404);
  });
});
