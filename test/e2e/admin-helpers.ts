import type { Browser, Locator, Page } from 'playwright-core';
import { apiAs, createInvite, DESKTOP, registerUser, type Account, type TestServer } from './harness.ts';

/**
 * Helpers of the User Management browser tests: an admin's page with the clipboard allowed,
 * people seeded through invites like real ones, and rows found by what they say.
 */

/** A signed-in admin's page whose clipboard can be read back (Copy link). */
export async function adminPage(browser: Browser, server: TestServer, admin: Account): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await signInAs(page, admin);
  return page;
}

/**
 * Sign in through the page. (harness.ts's signIn looks for the label "Password" exactly, but
 * Mantine names a required field "Password *", so it is matched by its start here.)
 */
export async function signInAs(page: Page, who: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^Username or email/).fill(who.username);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A person who registered with a fresh invite of the admin's (so "Invited by" is filled in). */
export async function invitedPerson(
  server: TestServer,
  admin: Account,
  username: string,
  label = `for ${username}`,
): Promise<Account> {
  const invite = await createInvite(server, admin, { label });
  return registerUser(server, username, { inviteCode: invite.code });
}

/** Many accounts at once on a server with open sign-ups, a few requests at a time. */
export async function seedOpenSignups(server: TestServer, usernames: string[], concurrency = 8): Promise<void> {
  const queue = [...usernames];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) await registerUser(server, name);
    }),
  );
}

/** The table row (desktop) whose first cell starts with this text: a username, an invite's label. */
export function rowOf(page: Page, text: string): Locator {
  return page.getByRole('row', { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`) });
}

/** An account as the admin API sees it now, or null once it is gone. */
export async function adminUser(
  server: TestServer,
  admin: Account,
  id: string,
): Promise<{ role: string; status: string } | null> {
  try {
    return await apiAs(server, admin.token)<{ role: string; status: string }>('GET', `/admin/users/${id}`);
  } catch (error) {
    if (String(error).includes('404')) return null;
    throw error;
  }
}

/** The usernames in the Users table as shown now (first line of each row's User cell). */
export async function usernamesShown(page: Page): Promise<string[]> {
  const rows = page.getByRole('table').first().getByRole('row');
  const count = await rows.count();
  const names: string[] = [];
  for (let i = 1; i < count; i++) {
    const first = (await rows.nth(i).getByRole('cell').first().innerText()).split('\n')[0]?.trim();
    if (first) names.push(first);
  }
  return names;
}
