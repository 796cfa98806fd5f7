import type { Page } from 'playwright-core';
import { apiAs, createInvite, registerUser, type Account, type TestServer } from './harness.ts';

/** Helpers of the health pages' browser tests: people with data, seeded over the real API. */

/** A day relative to today, as the API writes dates (the browser runs in UTC, like this). */
export function dayOffset(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A fresh person, registered with an invite from the admin. */
export async function newPerson(server: TestServer, admin: Account, username: string): Promise<Account> {
  const invite = await createInvite(server, admin, { label: username });
  return registerUser(server, username, { inviteCode: invite.code });
}

/** Creates items of a kind for a person, in order; returns what the API answered. */
export async function seed<T = { id: string }>(
  server: TestServer,
  who: Account,
  kindPath: string,
  items: Record<string, unknown>[],
): Promise<T[]> {
  const call = apiAs(server, who.token);
  const out: T[] = [];
  for (const item of items) out.push(await call<T>('POST', kindPath, item));
  return out;
}

/** The person's items of a kind, as the API lists them (newest first). */
export async function listOf<T = Record<string, unknown>>(
  server: TestServer,
  who: Account,
  kindPath: string,
  query = '',
): Promise<T[]> {
  return (await apiAs(server, who.token)<{ items: T[] }>('GET', `${kindPath}?limit=200${query}`)).items;
}

/** The rows of the (desktop) table, header excluded. */
export function tableRows(page: Page) {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}
