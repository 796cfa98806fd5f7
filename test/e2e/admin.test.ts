import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiAs,
  createAdmin,
  createInvite,
  launchBrowser,
  registerUser,
  snapshot,
  startServer,
  type Account,
  type TestServer,
} from './harness.ts';
import { adminPage, adminUser, invitedPerson, rowOf, seedOpenSignups, usernamesShown } from './admin-helpers.ts';

const GRANT_WARNING =
  'Granting admin access gives full control over all users and invite codes. Only assign admin to people you trust with full access to user and invite management.';
const SELF_EXPLANATION =
  'To prevent accidental lockout, admins cannot disable or delete their own account through the admin panel. Use the account deletion option in your own Settings.';
const DELETE_WARNING =
  'Deleting a user permanently removes their account and all associated data (health records, check-ins, interventions, observations, lab results, integration tokens and export history). This cannot be undone.';

let server: TestServer;
let browser: Browser;
let admin: Account;
let page: Page;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await createAdmin(server);
  page = await adminPage(browser, server, admin);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Invites', () => {
  test('Create Invite: label, max uses 2, 7 days → link to copy, QR code, and a row "0 / 2", "in 7 days", Active', async () => {
    await page.goto('/settings/invites');
    await page.getByText('No invites yet — Create Invite').waitFor();
    await snapshot(page, 'admin-invites-empty');

    await page.getByRole('button', { name: 'Create Invite' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create Invite' });
    await dialog.getByLabel('Label (optional)').fill('for Alex');
    await dialog.getByLabel('Maximum uses (optional)').fill('2');
    await dialog.getByLabel('Expires').selectOption({ label: '7 days' });
    await dialog.getByText(/The link works for up to 2 people until/).waitFor();
    await snapshot(page, 'admin-create-invite');
    await dialog.getByRole('button', { name: 'Create Invite' }).click();

    const created = page.getByRole('dialog', { name: 'Invite created' });
    const [invite] = (
      await apiAs(server, admin.token)<{ items: { id: string; link: string; code: string }[] }>('GET', '/admin/invites')
    ).items;
    expect(await created.getByLabel('Invite link', { exact: true }).inputValue()).toBe(invite!.link);
    await created.getByRole('img', { name: /QR code of the invite link “for Alex”/ }).waitFor();
    await created.getByRole('button', { name: 'Copy link' }).click();
    await created.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(invite!.link);
    // the pointer leaves the button (a hovered filled button is the theme's lighter shade) and "Copied" goes back
    await page.mouse.move(0, 0);
    await created.getByText('Copy link', { exact: true }).waitFor();
    await snapshot(page, 'admin-invite-created');
    await created.getByRole('button', { name: 'Done' }).click();
    await created.waitFor({ state: 'detached' });

    const row = rowOf(page, 'for Alex');
    await row.getByText('0 / 2', { exact: true }).waitFor();
    await row.getByText('in 7 days', { exact: true }).waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByText(invite!.code, { exact: true }).waitFor();
    await snapshot(page, 'admin-invites');

    // the row's QR code opens the link's QR in a dialog that closes on Escape
    await row.getByRole('button', { name: 'QR code of invite “for Alex”' }).click();
    const qr = page.getByRole('dialog', { name: 'Invite “for Alex”' });
    await qr.getByRole('img', { name: /QR code of the invite link/ }).waitFor();
    await page.keyboard.press('Escape');
    await qr.waitFor({ state: 'detached' });
  });

  test('opening an invite lists who registered with it; the row counts the use', async () => {
    const [invite] = (
      await apiAs(server, admin.token)<{ items: { id: string; code: string }[] }>('GET', '/admin/invites')
    ).items;
    await registerUser(server, 'alex', { inviteCode: invite!.code });
    await page.goto('/settings/invites');
    const row = rowOf(page, 'for Alex');
    await row.getByText('1 / 2', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'for Alex', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('open')).toBe(invite!.id);
    const drawer = page.getByRole('dialog', { name: 'Invite “for Alex”' });
    await drawer
      .getByRole('list', { name: 'People who registered with this invite' })
      .getByText('alex', { exact: true })
      .waitFor();
    await snapshot(page, 'admin-invite-detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).searchParams.get('open')).toBeNull();
  });

  test('Revoke asks first, in the product’s words, then shows Revoked; the state filter is in the URL', async () => {
    await createInvite(server, admin, { label: 'for Sam', maxUses: null });
    await page.goto('/settings/invites');
    const row = rowOf(page, 'for Sam');
    await row.getByText('0 / ∞', { exact: true }).waitFor();
    await row.getByText('Never', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Revoke invite “for Sam”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke invite?' });
    await confirm
      .getByText(
        'Revoke invite “for Sam”? People who already registered with it keep their accounts; the link stops working at once.',
      )
      .waitFor();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await apiAs(server, admin.token)<{ items: { label: string; state: string }[] }>('GET', '/admin/invites')
          ).items.find((i) => i.label === 'for Sam')?.state,
      )
      .toBe('revoked');

    await page.getByLabel('State').selectOption({ label: 'Revoked' });
    await page.waitForURL((u) => u.searchParams.get('state') === 'revoked');
    await rowOf(page, 'for Alex').waitFor({ state: 'detached' });
    await rowOf(page, 'for Sam').waitFor();
    await page.reload();
    await rowOf(page, 'for Sam').getByText('Revoked', { exact: true }).waitFor();
    expect(await page.getByLabel('State').inputValue()).toBe('revoked');
  });
});

describe('Users', () => {
  let bob: Account;
  let carol: Account;
  beforeAll(async () => {
    bob = await invitedPerson(server, admin, 'bob', 'for Bob');
    carol = await invitedPerson(server, admin, 'carol', 'for Carol');
  });

  test('lists people with methods, role, status, who invited them; search narrows and lives in the URL', async () => {
    await page.goto('/settings/users');
    const row = rowOf(page, 'bob');
    await row.getByText('Password', { exact: true }).waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByRole('link', { name: '“for Bob”' }).waitFor();
    expect(await row.getByRole('combobox', { name: 'Role of bob' }).inputValue()).toBe('user');
    await rowOf(page, 'alex').getByText('“for Alex”', { exact: true }).waitFor();
    await snapshot(page, 'admin-users');

    await page.getByLabel('Search').fill('car');
    await page.waitForURL((u) => u.searchParams.get('q') === 'car');
    await rowOf(page, 'bob').waitFor({ state: 'detached' });
    await rowOf(page, 'carol').waitFor();
    await page.reload();
    await rowOf(page, 'carol').waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('car');
    expect(await usernamesShown(page)).toEqual(['carol']);

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption({ label: 'Disabled' });
    await page.waitForURL((u) => u.searchParams.get('status') === 'disabled' && !u.searchParams.has('q'));
    await page.getByText('No users match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await rowOf(page, 'bob').waitFor();
  });

  test('the own row cannot be disabled or deleted, and says why', async () => {
    await page.goto('/settings/users');
    const own = rowOf(page, 'admin');
    await own.getByText('You cannot disable yourself').waitFor();
    expect(await own.getByRole('button', { name: /^(Disable|Delete)/ }).count()).toBe(0);
    await own.getByRole('button', { name: 'Why?' }).click();
    await page.getByText(SELF_EXPLANATION).waitFor();
    await page.keyboard.press('Escape');

    // stepping down as the only admin: asked first, then refused in words (last_admin)
    await own.getByRole('combobox', { name: 'Role of admin' }).selectOption('user');
    await page
      .getByRole('dialog', { name: 'Remove your own admin access?' })
      .getByRole('button', { name: 'Remove my admin access' })
      .click();
    await page
      .getByText('This would leave the server without an active admin. Make someone else an admin first.')
      .waitFor();
    expect(await own.getByRole('combobox', { name: 'Role of admin' }).inputValue()).toBe('admin');
    expect((await adminUser(server, admin, admin.id))?.role).toBe('admin');
  });

  test('granting admin shows the warning and needs confirmation', async () => {
    await page.goto('/settings/users');
    const role = rowOf(page, 'bob').getByRole('combobox', { name: 'Role of bob' });
    await role.selectOption('admin');
    let dialog = page.getByRole('dialog', { name: 'Make bob an admin?' });
    await dialog.getByText(GRANT_WARNING).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe('user');
    expect((await adminUser(server, admin, bob.id))?.role).toBe('user');

    await role.selectOption('admin');
    dialog = page.getByRole('dialog', { name: 'Make bob an admin?' });
    await dialog.getByRole('button', { name: 'Grant admin access' }).click();
    await expect.poll(async () => (await adminUser(server, admin, bob.id))?.role).toBe('admin');
    await expect.poll(() => role.inputValue()).toBe('admin');
  });

  test('Disable asks first and Enable restores', async () => {
    await page.goto('/settings/users');
    const row = rowOf(page, 'alex');
    await row.getByRole('button', { name: 'Disable alex' }).click();
    await page.getByRole('dialog', { name: 'Disable alex?' }).getByRole('button', { name: 'Disable alex' }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect(
      (
        await adminUser(
          server,
          admin,
          (await apiAs(server, admin.token)<{ items: { id: string }[] }>('GET', '/admin/users?q=alex')).items[0]!.id,
        )
      )?.status,
    ).toBe('disabled');
    await row.getByRole('button', { name: 'Enable alex' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
  });

  test('Delete: permanent, Disable offered first, enabled only once the username is typed', async () => {
    await page.goto('/settings/users');
    await rowOf(page, 'carol').getByRole('button', { name: 'Delete carol' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete carol?' });
    await dialog.getByText('This action is permanent').waitFor();
    await dialog.getByText(DELETE_WARNING).waitFor();
    await dialog.getByText('Disable before deleting').waitFor();
    await dialog.getByRole('table').getByRole('columnheader', { name: 'Disable' }).waitFor();
    await dialog.getByRole('button', { name: 'Disable carol instead' }).waitFor();
    const del = dialog.getByRole('button', { name: 'Delete carol' });
    await dialog.getByLabel('Type carol to confirm').fill('carl');
    expect(await del.isDisabled()).toBe(true);
    await snapshot(page, 'admin-delete-user');
    await dialog.getByLabel('Type carol to confirm').fill('carol');
    expect(await del.isEnabled()).toBe(true);
    await del.click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(page, 'carol').waitFor({ state: 'detached' });
    expect(await adminUser(server, admin, carol.id)).toBeNull();
  });
});

describe('Audit log', () => {
  test('reads as sentences: who did what to whom, when', async () => {
    await page.goto('/settings/audit');
    const log = page.getByRole('list', { name: 'Audit log, newest first' });
    await log.getByText('admin set up this server and became its first admin.').waitFor();
    await log.getByText(/^admin created invite “for Alex” \(up to 2 uses, expires .+\)\.$/).waitFor();
    await log.getByText('admin revoked invite “for Sam”.').waitFor();
    await log.getByText('admin made bob an admin.').waitFor();
    await log.getByText('admin disabled alex.').waitFor();
    await log.getByText('admin enabled alex again.').waitFor();
    await log.getByText('admin deleted a user account and all its data.').waitFor();
    await log.getByText('just now').or(log.getByText('a few seconds ago')).first().waitFor();
    await snapshot(page, 'admin-audit');
  });
});

describe('paging at scale', () => {
  test('120 users page through with Next and Previous, no duplicates, nothing counted', async () => {
    const open = await startServer({ REQUIRE_INVITE: 'false' });
    try {
      const boss = await createAdmin(open, 'boss');
      const names = Array.from({ length: 120 }, (_, i) => `member-${String(i).padStart(3, '0')}`);
      await seedOpenSignups(open, names);
      const p = await adminPage(browser, open, boss);
      await p.goto('/settings/users');
      await rowOf(p, 'boss').waitFor();
      const seen: string[] = [];
      const requests: string[] = [];
      p.on('request', (r) => r.url().includes('/api/v1/admin/users?') && requests.push(r.url()));
      for (let pageNo = 1; ; pageNo++) {
        await p.getByText(`Page ${pageNo}`, { exact: true }).waitFor();
        await rowOf(p, pageNo === 1 ? 'boss' : seen.at(-1)!).waitFor({ state: pageNo === 1 ? 'visible' : 'detached' });
        seen.push(...(await usernamesShown(p)));
        const next = p.getByRole('button', { name: 'Next' });
        if (await next.isDisabled()) break;
        await next.click();
      }
      expect(seen).toHaveLength(121);
      expect(new Set(seen).size).toBe(121);
      expect(seen).toEqual([...seen].sort());
      expect(requests.every((u) => new URL(u).searchParams.get('limit') === '50')).toBe(true);

      await p.getByRole('button', { name: 'Previous' }).click();
      await p.getByText('Page 2', { exact: true }).waitFor();
      await rowOf(p, seen[50]!).waitFor();
      await snapshot(p, 'admin-users-paged');
      await p.context().close();
    } finally {
      await open.stop();
    }
  });
});
