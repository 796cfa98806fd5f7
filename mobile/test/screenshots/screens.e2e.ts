import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, PHONE } from '../../../test/e2e/harness.ts';
import { freePort } from '../../../test/helpers/ports.ts';
import { startServerProcess, type ServerProcess } from '../../../test/helpers/server-process.ts';
import { exportWeb, serveWebApp, type WebApp } from './web-app.ts';

/**
 * Screenshots of the app's main screens: its web build (react-native-web, the same screens and
 * words as on the phone) in Debian's Chromium at an iPhone's 390×844, against a real Baseline
 * server with invites required. Each screen is found by its header, as a person finds it, and
 * saved to test-results/mobile/<screen>.png (and, when it scrolls, its end as <screen>.end.png);
 * no text may be cut off at an edge of either.
 * What this cannot show — native controls, the Keychain, Apple's sheet — README says.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(ROOT, 'test-results', 'mobile');
const SETUP_TOKEN = 'mobile-screenshots-setup-token';
const ADMIN = { username: 'ada', password: 'correct horse battery staple' };
const PERSON = { username: 'grace', password: 'a long enough passphrase' };
const DISABLED = { username: 'sam', password: 'another long passphrase' };

let work: string;
let server: ServerProcess;
let app: WebApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let freshInvite: { code: string };

async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

type Tokens = { accessToken: string; user: { id: string } };

/** The scene: an admin with some health data, invites in several states, a person, a disabled person. */
async function arrange(): Promise<void> {
  const admin = await api<Tokens>('POST', '/setup', null, { setupToken: SETUP_TOKEN, ...ADMIN });
  const token = admin.accessToken;
  const familyInvite = await api<{ code: string }>('POST', '/admin/invites', token, { label: 'Family', maxUses: 5 });
  freshInvite = await api('POST', '/admin/invites', token, { label: 'Book club' });
  const oneUse = await api<{ code: string }>('POST', '/admin/invites', token, { maxUses: 1 });
  const revoked = await api<{ id: string }>('POST', '/admin/invites', token, { label: 'Old link' });
  await api('POST', `/admin/invites/${revoked.id}/revoke`, token);
  await api('POST', '/auth/register', null, { ...PERSON, inviteCode: familyInvite.code });
  const sam = await api<Tokens>('POST', '/auth/register', null, { ...DISABLED, inviteCode: oneUse.code });
  await api('PATCH', `/admin/users/${sam.user.id}`, token, { status: 'disabled' });
  const today = new Date().toISOString().slice(0, 10);
  await api('POST', '/check-ins', token, { date: today, mood: 4, energy: 3, sleepHours: 7.5 });
  await api('POST', '/observations', token, {
    observedAt: new Date().toISOString(),
    metric: 'weight',
    value: 68.4,
    unit: 'kg',
  });
  await api('POST', '/lab-results', token, {
    collectedOn: today,
    analyte: 'Vitamin D',
    value: 71,
    unit: 'nmol/L',
    referenceLow: 50,
    referenceHigh: 125,
  });
  await api('POST', '/interventions', token, {
    name: 'Vitamin D3',
    kind: 'supplement',
    dose: '1000 IU',
    startedOn: today,
  });
}

/** A fresh phone: its own storage (the web build keeps the session in sessionStorage). */
async function newPhone(): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport: PHONE, locale: 'en-GB', timezoneId: 'UTC' });
  contexts.push(context);
  return context.newPage();
}

/** Waits for the screen whose header says `header`. */
async function screenWith(page: Page, header: string | RegExp): Promise<void> {
  await page.getByRole('heading', { name: header }).first().waitFor({ state: 'visible', timeout: 20_000 });
  // fonts, images and the screen's queries settle
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/**
 * Text that leaves the 390×844 screen or is cut off by a box that hides its overflow — what a
 * person sees as words running off an edge. Text inside something that scrolls that way (a list,
 * a row of chips) can be scrolled to and is not counted.
 */
async function textCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const [width, height] = [window.innerWidth, window.innerHeight];
    const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
    const clips = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || getComputedStyle(parent).visibility === 'hidden') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.height === 0) continue;
        const what = `"${text.slice(0, 40)}" (${Math.round(rect.left)},${Math.round(rect.top)})–(${Math.round(rect.right)},${Math.round(rect.bottom)})`;
        let [scrollX, scrollY] = [false, false];
        for (let box: HTMLElement | null = parent; box; box = box.parentElement) {
          const style = getComputedStyle(box);
          const edge = box.getBoundingClientRect();
          if (!scrollX && clips(style.overflowX) && (rect.right > edge.right + 1 || rect.left < edge.left - 1))
            problems.push(`${what} is cut off at the side (box ${Math.round(edge.left)}–${Math.round(edge.right)})`);
          if (!scrollY && clips(style.overflowY) && (rect.bottom > edge.bottom + 1 || rect.top < edge.top - 1))
            problems.push(
              `${what} is cut off at the top or bottom (box ${Math.round(edge.top)}–${Math.round(edge.bottom)})`,
            );
          scrollX ||= scrolls(style.overflowX);
          scrollY ||= scrolls(style.overflowY);
        }
        if (!scrollX && (rect.right > width + 1 || rect.left < -1)) problems.push(`${what} leaves the screen's width`);
        if (!scrollY && (rect.bottom > height + 1 || rect.top < -1))
          problems.push(`${what} leaves the screen's height`);
      }
    }
    return [...new Set(problems)];
  });
}

/** Controls smaller than the 44 pt Apple asks for (reported, not failed: some are react-navigation's own). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[role="button"], [role="link"], [role="tab"], a, button, input'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.height < 44 || rect.width < 44))
      .map(
        ({ el, rect }) =>
          `${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30)} ${Math.round(rect.width)}×${Math.round(rect.height)}`,
      ),
  );
}

/**
 * What these screenshots showed and was reported to the screens' authors, not fixed yet: a
 * problem matched here is printed instead of failing the run, and an entry no longer seen is
 * printed too, so that the list only shrinks. Any other text cut off fails.
 */
// empty: the tab labels cut at the bottom (app/(app)/_layout.tsx, fontSize 13) were the one entry, fixed in d16e1e6
const KNOWN: { problem: RegExp; why: string }[] = [];
const seenKnown = new Set<(typeof KNOWN)[number]>();

async function checkText(page: Page, name: string): Promise<void> {
  const problems = (await textCutOff(page)).filter((problem) => {
    const known = KNOWN.find((k) => k.problem.test(problem));
    if (known) seenKnown.add(known);
    return !known;
  });
  expect(problems, `${name}: text cut off`).toEqual([]);
}

/** Scrolls the screen's own scroll view (the tallest that scrolls) to its end; false when all of it shows. */
async function scrollToEnd(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const scrollable = Array.from(document.querySelectorAll<HTMLElement>('*')).filter((el) => {
      const style = getComputedStyle(el);
      return (
        (style.overflowY === 'auto' || style.overflowY === 'scroll') &&
        style.visibility !== 'hidden' &&
        el.offsetParent !== null &&
        el.scrollHeight > el.clientHeight + 1
      );
    });
    // the one on top (screens behind it, an inactive tab, stay in the page)
    const shown = scrollable.filter((el) => {
      const rect = el.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + Math.min(rect.height / 2, 200));
      return hit !== null && el.contains(hit);
    });
    const main = shown.sort((a, b) => b.clientHeight - a.clientHeight)[0];
    if (!main) return false;
    main.scrollTop = main.scrollHeight;
    return true;
  });
}

/**
 * Saves the screen as test-results/mobile/<name>.png — and, when it scrolls, its end as
 * <name>.end.png — and asks that no text is cut off in either.
 */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  const small = await smallTargets(page);
  if (small.length) console.warn(`${name}: controls under 44 pt: ${small.join('; ')}`);
  await checkText(page, name);
  if (await scrollToEnd(page)) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `${name}.end.png`) });
    await checkText(page, `${name} (scrolled to the end)`);
  }
}

/** On a failure, what the screen showed instead: test-results/mobile/<name>.failed.png. */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    await page.screenshot({ path: join(OUT, `${name}.failed.png`) }).catch(() => {});
    throw err;
  }
}

async function connect(page: Page): Promise<void> {
  await page.goto('/');
  await screenWith(page, 'Your Baseline server');
  await page.getByLabel('Server address').fill(app.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await screenWith(page, 'Sign in');
}

async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Username or email').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'baseline-mobile-web-'));
  const dist = join(work, 'dist-web');
  const port = await freePort();
  // the server's links (invite links) name the origin the app is reached at
  [server] = await Promise.all([
    startServerProcess(`sqlite:${join(work, 'baseline.db')}`, {
      SETUP_TOKEN,
      REQUIRE_INVITE: 'true',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    }),
    exportWeb(dist),
  ]);
  await arrange();
  app = await serveWebApp(dist, server.url, port);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const known of KNOWN)
    console.warn(
      `${seenKnown.has(known) ? 'known, not fixed yet' : 'NO LONGER SEEN (remove it from KNOWN)'}: ${known.why}`,
    );
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await app?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the app on a 390×844 phone screen (web build)', () => {
  describe('signed out', () => {
    let page: Page;
    beforeAll(async () => {
      page = await newPhone();
    });

    test('Server', () =>
      step(page, 'server', async () => {
        await page.goto('/');
        await screenWith(page, 'Your Baseline server');
        await page.getByLabel('Server address').fill('baseline.example.org');
        await shoot(page, 'server');
      }));

    test('Sign in', () =>
      step(page, 'sign-in', async () => {
        await connect(page);
        await shoot(page, 'sign-in');
      }));

    test('Create account with a typed invite code', () =>
      step(page, 'register', async () => {
        await page.getByRole('link', { name: 'Create account' }).click();
        await screenWith(page, 'Create account');
        await page.getByLabel('Invite code').fill(freshInvite.code.toLowerCase());
        await page.getByText('This invite code is valid.').waitFor({ timeout: 15_000 });
        await page.getByLabel('Username', { exact: true }).fill('linus');
        await shoot(page, 'register');
      }));
  });

  describe('signed in as an admin', () => {
    let page: Page;
    beforeAll(async () => {
      page = await newPhone();
      await connect(page);
      await signIn(page, ADMIN);
    });

    test('Home', () =>
      step(page, 'home', async () => {
        await screenWith(page, `Hello, ${ADMIN.username}`);
        await shoot(page, 'home');
      }));

    test('Settings', () =>
      step(page, 'settings', async () => {
        await page.getByRole('tab', { name: 'Settings' }).click();
        await screenWith(page, 'Settings');
        await shoot(page, 'settings');
      }));

    test('Account', () =>
      step(page, 'account', async () => {
        await page.goto('/settings');
        await screenWith(page, 'Settings');
        await page.getByRole('button', { name: 'Account', exact: true }).click();
        await screenWith(page, 'Account');
        await shoot(page, 'account');
      }));

    test('User Management → Users', () =>
      step(page, 'users', async () => {
        await page.goto('/settings');
        await screenWith(page, 'Settings');
        await page.getByRole('button', { name: 'Users', exact: true }).click();
        await screenWith(page, 'Users');
        await page.getByText(PERSON.username).first().waitFor();
        await shoot(page, 'users');
      }));

    test('A user', () =>
      step(page, 'user', async () => {
        await page.getByRole('button', { name: new RegExp(`^${PERSON.username}\\b`) }).click();
        await screenWith(page, 'Role');
        await shoot(page, 'user');
      }));

    test('User Management → Invites', () =>
      step(page, 'invites', async () => {
        await page.goto('/settings');
        await screenWith(page, 'Settings');
        await page.getByRole('button', { name: 'Invites', exact: true }).click();
        await screenWith(page, 'Invites');
        await page.getByText('Family').first().waitFor();
        await shoot(page, 'invites');
      }));

    test('An invite', () =>
      step(page, 'invite', async () => {
        await page
          .getByRole('button', { name: /Family/ })
          .first()
          .click();
        await screenWith(page, 'Who registered');
        await shoot(page, 'invite');
      }));
  });

  test('A disabled account', async () => {
    const page = await newPhone();
    await step(page, 'disabled', async () => {
      await connect(page);
      await signIn(page, DISABLED);
      await screenWith(page, 'Your account is disabled');
      await shoot(page, 'disabled');
    });
  });
});
