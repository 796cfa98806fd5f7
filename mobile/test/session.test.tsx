import { cleanup } from '@testing-library/react-native';
import { ADMIN, connectToServer, fireEvent, openApp, press, screen, signIn, type } from './app';
import { createPerson, SERVER_URL } from './server-api';

const keychain = () => (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain;

describe('the session on the phone', () => {
  it('keeps only the refresh token, in the Keychain, and signs in again by itself when the app restarts', async () => {
    const person = await createPerson('restart');
    await openApp();
    await connectToServer();
    await signIn(person.username, person.password);
    await screen.findByRole('header', { name: `Hello, ${person.username}` });
    const stored = [...keychain().values()];
    expect(stored).toContain(SERVER_URL);
    const refreshToken = keychain().get('baseline.refresh-token');
    expect(refreshToken).toBeTruthy();
    // nothing else of the session is written down: no access token, no password
    expect(stored.join(' ')).not.toContain(person.password);
    expect(stored.some((v) => v.split('.').length === 3)).toBe(false);

    await cleanup();
    await openApp();
    expect(await screen.findByRole('header', { name: `Hello, ${person.username}` })).toBeTruthy();
    // the restart spent the stored refresh token and kept its successor
    expect(keychain().get('baseline.refresh-token')).not.toBe(refreshToken);
  });

  it('Sign out ends the session on the server and forgets the token', async () => {
    await openApp();
    await connectToServer();
    await signIn(ADMIN.username, ADMIN.password);
    await screen.findByRole('header', { name: `Hello, ${ADMIN.username}` });
    const refreshToken = keychain().get('baseline.refresh-token')!;
    await fireEvent.press(screen.getByRole('button', { name: 'Settings' }));
    await fireEvent.press(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('header', { name: 'Sign in' })).toBeTruthy();
    expect(keychain().has('baseline.refresh-token')).toBe(false);
    const refused = await fetch(`${SERVER_URL}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refused.status).toBe(401);
  });

  it('a wrong password is answered in words, and the server address stays in sight', async () => {
    await openApp();
    await connectToServer();
    await signIn(ADMIN.username, 'not the password at all');
    expect(await screen.findByText('That username, email or password is not right.')).toBeTruthy();
    expect(screen.getByLabelText(`Server ${SERVER_URL}`)).toBeTruthy();
  });

  it('refuses an address that is not a Baseline server, in words', async () => {
    await openApp();
    await screen.findByText('Your Baseline server');
    await type('Server address', 'http://127.0.0.1:9');
    await press('Connect');
    expect(
      await screen.findByText('No server answered at http://127.0.0.1:9. Check the address and your connection.'),
    ).toBeTruthy();
  });
});
