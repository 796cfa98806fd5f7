import { fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';
import { timeoutManager } from '@tanstack/react-query';
import path from 'node:path';

/** The Baseline server of this run (test/global-setup.ts) and its first admin. */
export const SERVER = process.env.BASELINE_TEST_SERVER!;
export const ADMIN = JSON.parse(process.env.BASELINE_TEST_ADMIN!) as { username: string; password: string };

const APP_DIR = path.resolve(__dirname, '../app');

// TanStack Query keeps unused queries for 5 minutes (gcTime) on timers, and polls on intervals:
// unref'd, they no longer keep jest waiting 5 minutes after the last test of a file.
const unref = <T,>(timer: T): T => {
  (timer as { unref?: () => void }).unref?.();
  return timer;
};
timeoutManager.setTimeoutProvider({
  setTimeout: (callback, ms) => unref(setTimeout(callback, ms)),
  clearTimeout: (timer) => clearTimeout(timer),
  setInterval: (callback, ms) => unref(setInterval(callback, ms)),
  clearInterval: (timer) => clearInterval(timer),
});

/**
 * Starts the whole app (every screen of app/, real routing) as if opened at `url`. renderRouter
 * turns on fake timers; the screens talk to a real server over real time, so they go back off.
 */
export async function openApp(url = '/') {
  const rendering = renderRouter(APP_DIR, { initialUrl: url });
  jest.useRealTimers();
  return await rendering;
}

/** Types into the field whose visible label is `label`. */
export async function type(label: string | RegExp, text: string) {
  await fireEvent.changeText(screen.getByLabelText(label), text);
}

export async function press(name: string | RegExp) {
  await fireEvent.press(screen.getByRole('button', { name }));
}

/** The Server screen: types the test server's address and connects. */
export async function connectToServer() {
  await screen.findByText('Your Baseline server');
  await type('Server address', SERVER);
  await press('Connect');
  await screen.findByRole('header', { name: 'Sign in' });
}

export async function signIn(username: string, password: string) {
  await type('Username or email', username);
  await type('Password', password);
  await press('Sign in');
}

/**
 * Opens the app at `url` on a phone where `who` signed in to the test server before (server and
 * refresh token in the Keychain, as a sign-in leaves them): for screens deep behind the sign-in.
 */
export async function openAppSignedIn(who: { username: string; password: string }, url: string) {
  const response = await fetch(`${SERVER}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${who.username}: ${response.status} ${await response.text()}`);
  const { refreshToken } = (await response.json()) as { refreshToken: string };
  const keychain = (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain;
  keychain.set('baseline.server', SERVER);
  keychain.set('baseline.refresh-token', refreshToken);
  const rendering = await openApp(url);
  // the Keychain is read and the refresh token traded before the signed-in app (its tab bar) shows
  await waitFor(() => expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy(), { timeout: 10_000 });
  return rendering;
}

export { fireEvent, screen, waitFor };
