import { fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';
import path from 'node:path';

/** The Baseline server of this run (test/global-setup.ts) and its first admin. */
export const SERVER = process.env.BASELINE_TEST_SERVER!;
export const ADMIN = JSON.parse(process.env.BASELINE_TEST_ADMIN!) as { username: string; password: string };

const APP_DIR = path.resolve(__dirname, '../app');

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

export { fireEvent, screen, waitFor };
