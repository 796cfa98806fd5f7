import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, launchBrowser, newPage, signIn, snapshot, startServer, type TestServer } from './harness.ts';

/**
 * The product page as one walk, in the browser only: setup → the admin creates an invite →
 * the link opened by someone else → registration with the code filled in → the admin
 * promotes, then disables them → signed in again they see only the restricted page and
 * download an export → re-enabled, full access → deleted after the typed confirmation.
 */
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = { username: 'morgan', password: 'morgan keeps the server running' };
const ALEX = { username: 'alex', password: 'alex has a long passphrase' };

async function openUserManagement(page: Page, tab: 'Users' | 'Invites' | 'Audit log') {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: tab, exact: true }).click();
  await page.getByRole('tab', { name: tab }).waitFor();
}

async function userRow(page: Page, username: string) {
  // the table on a laptop; each row names the user in its first cell
  return page.getByRole('row').filter({ has: page.getByText(username, { exact: true }) });
}

test('setup, invite, register, promote, disable, export, re-enable, delete — all in the browser', async () => {
  // --- the first admin, from the link the server printed ---
  const { page: admin } = await newPage(browser, server);
  await admin.goto(`/setup?token=${server.setupToken}`);
  await admin.getByRole('heading', { name: 'Create the first admin' }).waitFor();
  await snapshot(admin, 'setup');
  await admin.getByLabel('Username').fill(ADMIN.username);
  await admin.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await admin.getByRole('button', { name: 'Create admin account' }).click();
  await admin.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(new URL(admin.url()).pathname).toBe('/');

  // --- Settings > User Management > Invites > Create Invite ---
  await openUserManagement(admin, 'Invites');
  await admin.getByRole('button', { name: 'Create Invite' }).first().click();
  const dialog = admin.getByRole('dialog', { name: 'Create Invite' });
  await dialog.getByLabel('Label (optional)').fill('for Alex');
  await dialog.getByLabel('Maximum uses (optional)').fill('1');
  await dialog.getByLabel('Expires').selectOption({ label: '7 days' });
  await dialog.getByRole('button', { name: 'Create Invite' }).click();
  const link = await admin
    .getByRole('dialog', { name: 'Invite created' })
    .getByRole('textbox', { name: 'Invite link' })
    .inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/register\\?invite=[A-Z0-9-]+$`));
  const code = new URL(link).searchParams.get('invite')!;
  await admin.getByRole('button', { name: 'Done' }).click();
  await admin.getByText('for Alex').first().waitFor();

  // --- Alex opens the link in another browser: the code is filled in and already checked ---
  const { page: alex } = await newPage(browser, server);
  await alex.goto(link);
  expect(await alex.getByLabel('Invite code').inputValue()).toBe(code);
  await alex.getByText('This invite is valid.').waitFor();
  await snapshot(alex, 'register-from-invite');
  await alex.getByLabel('Username').fill(ALEX.username);
  await alex.getByRole('textbox', { name: 'Password', exact: true }).fill(ALEX.password);
  await alex.getByRole('button', { name: 'Create account' }).click();
  await alex.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(new URL(alex.url()).pathname).toBe('/');
  expect(await alex.getByRole('navigation', { name: 'Main menu' }).getByText('User Management').count()).toBe(0);

  // --- the admin sees who registered, promotes Alex (after the warning), then demotes and disables ---
  await openUserManagement(admin, 'Users');
  const row = await userRow(admin, ALEX.username);
  await row.getByText('for Alex').waitFor(); // invited with which invite
  await row.getByLabel(`Role of ${ALEX.username}`).selectOption('admin');
  const grant = admin.getByRole('dialog', { name: `Make ${ALEX.username} an admin?` });
  await grant.getByText(/gives full control over all users and invite codes/).waitFor();
  await grant.getByRole('button', { name: 'Grant admin access' }).click();
  await admin.getByText(`${ALEX.username} is now an admin.`).waitFor();
  const asAdmin = apiAs(
    server,
    (await apiAs(server)<{ accessToken: string }>('POST', '/auth/login', ADMIN)).accessToken,
  );
  expect((await asAdmin<{ items: { role: string }[] }>('GET', `/admin/users?q=${ALEX.username}`)).items[0].role).toBe(
    'admin',
  );
  // Alex's next page load shows User Management at once
  await alex.reload();
  await alex.getByRole('navigation', { name: 'Main menu' }).getByText('User Management').waitFor();

  await row.getByLabel(`Role of ${ALEX.username}`).selectOption('user');
  await admin.getByText(`${ALEX.username} is now a user.`).waitFor();
  await row.getByRole('button', { name: `Disable ${ALEX.username}` }).click();
  await admin
    .getByRole('dialog')
    .getByRole('button', { name: `Disable ${ALEX.username}` })
    .click();
  await row.getByText('Disabled', { exact: true }).waitFor();

  // --- Alex, signed in again, sees only the restricted page, and exports ---
  await alex.reload(); // the refresh cookie no longer works: disabling ended the session
  await alex.waitForURL((u) => u.pathname === '/login');
  await signIn(alex, ALEX.username, ALEX.password);
  await alex.waitForURL((u) => u.pathname === '/disabled');
  await alex.getByRole('heading', { name: 'Your account is disabled' }).waitFor();
  for (const path of ['/check-ins', '/settings/account', '/settings/users']) {
    // navigate inside the app (a full reload would drop the in-memory limited token)
    await alex.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await alex.waitForURL((u) => u.pathname === '/disabled');
    await alex.getByRole('heading', { name: 'Your account is disabled' }).waitFor();
  }
  await snapshot(alex, 'walk-disabled');
  const [download] = await Promise.all([
    alex.waitForEvent('download'),
    alex.getByRole('button', { name: 'Export my data' }).click(),
  ]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported).toMatchObject({
    format: 'baseline-export',
    version: 1,
    user: { username: ALEX.username, status: 'disabled' },
  });
  await alex.getByRole('table', { name: 'Export history' }).getByText('JSON').waitFor({ timeout: 15_000 });

  // --- re-enabled: full access on the next sign-in, all data intact ---
  await admin.reload();
  const again = await userRow(admin, ALEX.username);
  await again.getByRole('button', { name: `Enable ${ALEX.username}` }).click();
  await again.getByText('Active', { exact: true }).waitFor();
  await alex.reload();
  await signIn(alex, ALEX.username, ALEX.password);
  await alex.waitForURL((u) => u.pathname === '/');
  await alex.goto('/check-ins');
  await alex.getByRole('heading', { name: 'Check-ins' }).waitFor();
  expect(new URL(alex.url()).pathname).toBe('/check-ins');

  // --- deleted after typing the username; "this cannot be undone", Disable offered instead ---
  await admin.reload();
  await (await userRow(admin, ALEX.username)).getByRole('button', { name: `Delete ${ALEX.username}` }).click();
  const confirm = admin.getByRole('dialog', { name: `Delete ${ALEX.username}?` });
  await confirm
    .getByText(/cannot be undone/)
    .first()
    .waitFor();
  await confirm.getByRole('region', { name: 'Disable vs Delete' }).waitFor();
  const del = confirm.getByRole('button', { name: `Delete ${ALEX.username}` });
  await confirm.getByLabel(`Type ${ALEX.username} to confirm`).fill('alexx');
  expect(await del.isDisabled()).toBe(true);
  await confirm.getByLabel(`Type ${ALEX.username} to confirm`).fill(ALEX.username);
  await del.click();
  await confirm.waitFor({ state: 'detached' });
  expect((await asAdmin<{ items: unknown[] }>('GET', `/admin/users?q=${ALEX.username}`)).items).toEqual([]);
  // Alex's open page finds the account gone on its next request
  await alex.reload();
  await alex.waitForURL((u) => u.pathname === '/login');

  // nothing secret reached the server's log (the setup link is printed on purpose at start, before any account)
  for (const secret of [ADMIN.password, ALEX.password, code]) expect(server.output()).not.toContain(secret);
});
