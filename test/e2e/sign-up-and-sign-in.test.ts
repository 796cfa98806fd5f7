import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startOidcProvider, WEB_CLIENT_ID, WEB_CLIENT_SECRET } from '../helpers/oidc-test-provider.ts';
import {
  apiAs,
  createAdmin,
  createInvite,
  freePort,
  launchBrowser,
  newPage,
  registerUser,
  signIn,
  snapshot,
  startServer,
  type Account,
  type TestServer,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('invite links that cannot be used, and who may open what', () => {
  let server: TestServer;
  let admin: Account;
  beforeAll(async () => {
    server = await startServer();
    admin = await createAdmin(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('the registration page says in words why an invite cannot be used, before anything is typed', async () => {
    const usedUp = await createInvite(server, admin, { label: 'one use', maxUses: 1 });
    await registerUser(server, 'first', { inviteCode: usedUp.code });
    const revoked = await createInvite(server, admin, { label: 'revoked' });
    await apiAs(server, admin.token)('POST', `/admin/invites/${revoked.id}/revoke`);
    const expiring = await createInvite(server, admin, {
      label: 'short',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    const valid = await createInvite(server, admin, { label: 'valid' });
    await new Promise((r) => setTimeout(r, 1600));

    const { page } = await newPage(browser, server);
    const cases: [string, RegExp][] = [
      [usedUp.code, /has been used up/],
      [revoked.code, /was revoked/],
      [expiring.code, /has expired/],
      ['ZZZZZ-ZZZZZ-ZZZZZ', /is not valid/],
    ];
    for (const [code, words] of cases) {
      await page.goto(`/register?invite=${encodeURIComponent(code)}`);
      expect(await page.getByLabel('Invite code').inputValue()).toBe(code);
      await page.getByText(words).waitFor();
      expect(await page.getByRole('button', { name: 'Create account' }).isDisabled()).toBe(true);
    }
    await snapshot(page, 'register-invite-not-valid');

    // the code is editable: typing a good one (in lower case, with spaces) turns the page around
    await page.getByLabel('Invite code').fill(valid.code.toLowerCase().replaceAll('-', ' '));
    await page.getByText('This invite is valid.').waitFor();
    expect(await page.getByRole('button', { name: 'Create account' }).isDisabled()).toBe(false);
  });

  test('a person who is not an admin has no User Management in the menu, and the URL shows a refusal', async () => {
    const invite = await createInvite(server, admin, { label: 'for Robin' });
    const robin = await registerUser(server, 'robin', { inviteCode: invite.code });
    const { page } = await newPage(browser, server);
    await signIn(page, robin.username, robin.password);
    await page.getByRole('navigation', { name: 'Main menu' }).getByText('Account').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByText('User Management').count()).toBe(0);
    for (const path of ['/settings/users', '/settings/invites', '/settings/audit']) {
      await page.goto(path);
      await page.getByText('Only admins can open User Management').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
    }
    await snapshot(page, 'not-admin-refused');
  });

  test('two tabs refreshing at the same moment both stay signed in', async () => {
    const invite = await createInvite(server, admin);
    const sam = await registerUser(server, 'sam', { inviteCode: invite.code });
    const { context, page } = await newPage(browser, server);
    await signIn(page, sam.username, sam.password);
    const second = await context.newPage();
    await second.goto('/');
    await second.getByRole('button', { name: 'Sign out' }).waitFor();
    for (let round = 0; round < 3; round++) {
      // each load trades the shared refresh cookie for an access token, both at once
      await Promise.all([page.reload(), second.reload()]);
      await Promise.all([
        page.getByRole('button', { name: 'Sign out' }).waitFor(),
        second.getByRole('button', { name: 'Sign out' }).waitFor(),
      ]).catch((err) => {
        throw new Error(`round ${round}: tabs at ${page.url()} and ${second.url()}: ${err}`);
      });
    }
    const third = await context.newPage();
    await third.goto('/');
    await third.getByRole('button', { name: 'Sign out' }).waitFor();
    const audit = await apiAs(server, admin.token)<{ items: { action: string }[] }>('GET', '/admin/audit?limit=200');
    expect(audit.items.filter((e) => e.action === 'auth.refresh_token_reused')).toEqual([]);
  });
});

describe('Google sign-up through the web flow, against a local OpenID issuer', () => {
  let server: TestServer;
  let closeIssuer: () => Promise<void>;
  let admin: Account;
  beforeAll(async () => {
    const port = await freePort();
    const issuer = await startOidcProvider(`http://127.0.0.1:${port}/api/v1/auth/google/callback`);
    closeIssuer = issuer.close;
    server = await startServer(
      { GOOGLE_CLIENT_ID: WEB_CLIENT_ID, GOOGLE_CLIENT_SECRET: WEB_CLIENT_SECRET, GOOGLE_ISSUER: issuer.issuer },
      { port },
    );
    admin = await createAdmin(server);
  });
  afterAll(async () => {
    await server?.stop();
    await closeIssuer?.();
  });

  test('the invite link, then "Sign up with Google": the account is created under the invite and signed in', async () => {
    const invite = await createInvite(server, admin, { label: 'for Alex', maxUses: 1 });
    const { page } = await newPage(browser, server);
    await page.goto(`/register?invite=${invite.code}`);
    await page.getByText('This invite is valid.').waitFor();
    await snapshot(page, 'register-with-google');
    await page.getByRole('link', { name: 'Sign up with Google' }).click();
    // the issuer's own development sign-in and consent pages
    await page.locator('input[name="login"]').fill('alex');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.origin === server.url && u.pathname === '/');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const detail = await apiAs(server, admin.token)<{ uses: number; users: { username: string }[] }>(
      'GET',
      `/admin/invites/${invite.id}`,
    );
    expect(detail.uses).toBe(1);
    expect(detail.users.map((u) => u.username)).toEqual(['alex']);
    const users = await apiAs(server, admin.token)<{ items: { username: string; authMethods: string[] }[] }>(
      'GET',
      '/admin/users?q=alex',
    );
    expect(users.items[0].authMethods).toEqual(['google']);
  });

  test('Google sign-up with a used-up invite comes back to the registration page with the reason in words', async () => {
    const invite = await createInvite(server, admin, { maxUses: 1 });
    await registerUser(server, 'taker', { inviteCode: invite.code });
    const { page } = await newPage(browser, server);
    await page.goto(`/register?invite=${invite.code}`);
    await page.getByText(/has been used up/).waitFor();
    await page.getByRole('link', { name: 'Sign up with Google' }).click();
    // the server checks the invite before sending anyone to Google
    await page.waitForURL((u) => u.pathname === '/register' && u.searchParams.get('error') === 'invite_exhausted');
    await page.getByRole('alert').filter({ hasText: 'Could not create the account' }).waitFor();
    const users = await apiAs(server, admin.token)<{ items: unknown[] }>('GET', '/admin/users');
    expect(users.items).toHaveLength(3); // admin, alex (previous test), taker: nobody new
  });

  test('the sign-in page offers Google only because the server says it is on, and explains ?error=', async () => {
    const { page } = await newPage(browser, server);
    await page.goto('/login?error=access_denied');
    await page.getByText('Sign-in was cancelled.').waitFor();
    await page.getByRole('link', { name: 'Sign in with Google' }).waitFor();
    await snapshot(page, 'login');
    await signIn(page, admin.username, admin.password);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
