import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiAs,
  createAdmin,
  createInvite,
  launchBrowser,
  newPage,
  registerUser,
  signIn,
  snapshot,
  startServer,
  type Account,
  type TestServer,
} from './harness.ts';
import { canSignIn, exportJson, sessionItems, setStatus } from './account-helpers.ts';

let server: TestServer;
let browser: Browser;
let admin: Account;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await createAdmin(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const newUser = async (username: string) =>
  registerUser(server, username, { inviteCode: (await createInvite(server, admin)).code });

test('Settings → Account: email, sessions, password, export, Delete my account', async () => {
  const casey = await newUser('casey');
  const { page } = await newPage(browser, server);
  await signIn(page, casey.username, casey.password);
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();

  // email: changing it asks for the current password, and a wrong one is refused in words
  const emailForm = page.getByRole('form', { name: 'Change email' });
  await emailForm.getByLabel('Email').fill('casey@example.org');
  await emailForm.getByLabel('Current password').fill('not my password');
  await emailForm.getByRole('button', { name: 'Save email' }).click();
  await emailForm.getByText('This is not your current password.').waitFor();
  expect((await apiAs(server, casey.token)<{ email: string | null }>('GET', '/me')).email).toBeNull();
  await emailForm.getByLabel('Current password').fill(casey.password);
  await emailForm.getByRole('button', { name: 'Save email' }).click();
  await page.getByText('Your email was saved.').waitFor();
  expect((await apiAs(server, casey.token)<{ email: string }>('GET', '/me')).email).toBe('casey@example.org');
  // saved: the password field goes away until the email is edited again
  await expect.poll(() => emailForm.getByLabel('Current password').count()).toBe(0);

  // sessions: a second device shows up, is ended from here, and is signed out on its next action
  const other = await newPage(browser, server);
  await signIn(other.page, casey.username, casey.password);
  await page.reload();
  await expect.poll(() => sessionItems(page).count(), { timeout: 15_000 }).toBe(3); // this browser, the other one, and the API registration
  await sessionItems(page).filter({ hasText: 'This device' }).waitFor();
  expect(await sessionItems(page).filter({ hasText: 'This device' }).count()).toBe(1);
  await snapshot(page, 'account');

  const before = await sessionItems(page).count();
  await sessionItems(page)
    .filter({ hasNotText: 'This device' })
    .first()
    .getByRole('button', { name: /^End session/ })
    .click();
  await expect.poll(() => sessionItems(page).count()).toBe(before - 1);
  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await page
    .getByRole('dialog', { name: 'Sign out everywhere else?' })
    .getByRole('button', { name: 'Sign out everywhere else' })
    .click();
  await expect.poll(() => sessionItems(page).count()).toBe(1);
  await page.getByText('No other device is signed in.').waitFor();
  // its next request (the Account page's session list, never loaded there) is refused and it is signed out
  await other.page.getByRole('link', { name: 'Account', exact: true }).click();
  await expect.poll(() => new URL(other.page.url()).pathname, { timeout: 20_000 }).toBe('/login');
  await other.page.getByText('Your session has ended. Sign in again.').waitFor();
  await other.context.close();

  // password: the old one no longer signs in, this device stays signed in
  const newPassword = 'a brand new passphrase';
  await page.getByLabel('Current password').fill(casey.password);
  // one of the most used passwords is refused in plain words
  await page.getByLabel('New password').fill('password1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('This password is too easy to guess', { exact: false }).waitFor();
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password was changed. Other devices were signed out.').waitFor();
  expect(await canSignIn(server, casey.username, casey.password)).toBe(false);
  expect(await canSignIn(server, casey.username, newPassword)).toBe(true);

  // export: the browser downloads the file, and the history lists it
  const { filename, document } = await exportJson(page);
  expect(filename).toMatch(/\.json$/);
  expect(document.format).toBe('baseline-export');
  await page.getByRole('table', { name: 'Export history' }).getByText('JSON').waitFor({ timeout: 15_000 });

  // the outcome of linking Google, in words
  await page.goto('/settings/account?error=identity_taken');
  await page.getByText('This Google or Apple account already signs in to another Baseline account.').waitFor();

  // delete: the dialog names what will be lost and asks for the password
  await page.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete my account' });
  await dialog.getByText('This cannot be undone.').waitFor();
  await snapshot(page, 'account-delete-dialog');
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await dialog.getByText('That password is not right.').waitFor();
  await dialog.getByLabel('Your password').fill(newPassword);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/login');
  await page.getByText('Your account and all of its data were deleted.').waitFor();
  expect(await canSignIn(server, casey.username, newPassword)).toBe(false);
});

test('a disabled account sees only its page: status, export and history, delete; and learns when it is active again', async () => {
  const dora = await newUser('dora');
  await setStatus(server, admin, dora, 'disabled');
  const { page } = await newPage(browser, server);
  await signIn(page, dora.username, dora.password);
  await page.waitForURL((u) => u.pathname === '/disabled');
  await page.getByRole('heading', { name: 'Your account is disabled' }).waitFor();

  // nothing else is reachable (navigating inside the app: a reload would drop the short limited token by design)
  for (const path of ['/check-ins', '/settings/account', '/']) {
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/disabled');
    await page.getByRole('heading', { name: 'Your account is disabled' }).waitFor();
  }
  expect(await page.getByRole('navigation').count()).toBe(0);

  const { document } = await exportJson(page);
  expect(document.format).toBe('baseline-export');
  await page.getByRole('table', { name: 'Export history' }).getByText('JSON').waitFor({ timeout: 15_000 });
  await page.mouse.move(0, 0); // the page at rest, not the button under the pointer
  await snapshot(page, 'disabled');

  // an admin enables the account: the page notices on its next check (every 30 s)
  await setStatus(server, admin, dora, 'active');
  await page.getByRole('heading', { name: 'Your account is active again' }).waitFor({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
});
