import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { apiAs, type Account, type TestServer } from './harness.ts';

/** Whether a username and password sign in over the API (true) or are refused (false). */
export async function canSignIn(server: TestServer, username: string, password: string): Promise<boolean> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status === 200;
}

/** An admin sets a user's status through the admin API. */
export async function setStatus(
  server: TestServer,
  admin: Account,
  user: Account,
  status: 'active' | 'disabled',
): Promise<void> {
  await apiAs(server, admin.token)('PATCH', `/admin/users/${user.id}`, { status });
}

/** Clicks Export my data and returns the saved file's text, parsed when it is JSON. */
export async function exportJson(page: Page): Promise<{ filename: string; document: { format?: string } }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export my data' }).click(),
  ]);
  const path = await download.path();
  return {
    filename: download.suggestedFilename(),
    document: JSON.parse(readFileSync(path, 'utf8')) as { format?: string },
  };
}

/** The Sessions section's list items (each names its device, "this device" on the current one). */
export function sessionItems(page: Page) {
  return page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
}
