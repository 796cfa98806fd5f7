import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { processLogFile } from '../helpers/log-capture.ts';
import { freePort } from '../helpers/ports.ts';
import { recordFetchSecrets, recordSecret } from '../helpers/secret-recorder.ts';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The browser suite's real parts: the real server (server/main.ts, the command README gives)
 * on a fresh SQLite database, serving the built dashboard, and Debian's Chromium driven by
 * playwright-core. Nothing is mocked: pages talk to the API over HTTP.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// the seeding calls below go through fetch: their passwords, tokens and codes are recorded
recordFetchSecrets();
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface TestServer {
  url: string;
  setupToken: string;
  /** the server's stdout and stderr so far (for a failing test's message, and the no-secrets check) */
  output(): string;
  stop(): Promise<void>;
}

export { freePort };

/** Starts `node --import tsx server/main.ts` on a free port and a fresh database; resolves once /healthz answers. */
export async function startServer(
  env: Record<string, string> = {},
  options: { port?: number } = {},
): Promise<TestServer> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'baseline-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const setupToken = `e2e-setup-${randomBytes(12).toString('hex')}`;
  let log = '';
  recordSecret('setupToken', setupToken);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: `sqlite:${join(dir, 'baseline.db')}`,
      SETUP_TOKEN: setupToken,
      RATE_LIMITS: 'off',
      // as in production; the output also goes into test-results/logs/, grepped for secrets after the run
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [keepOut, keepErr] = [processLogFile('e2e-server-stdout'), processLogFile('e2e-server-stderr')];
  child.stdout?.on('data', (d: Buffer) => ((log += d), keepOut(d)));
  child.stderr?.on('data', (d: Buffer) => ((log += d), keepErr(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    setupToken,
    output: () => log,
    stop: async () => {
      // SIGTERM lets requests in flight finish; a browser still holding connections open must
      // not keep a test waiting, so after 5 s the process is killed
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, with the flags this machine needs (no sandbox as root, no network chatter). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser profile (its own cookies), like a different person or device. */
export async function newPage(
  browser: Browser,
  server: TestServer,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  return { context, page };
}

// ---------- seeding over the real API ----------

export interface ApiCall {
  <T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** JSON calls to the server, as the given access token (or none); throws with the problem on a non-2xx. */
export function apiAs(server: TestServer, token?: string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export interface Account {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** The first admin, through POST /setup. */
export async function createAdmin(
  server: TestServer,
  username = 'admin',
  password = 'correct horse battery staple',
): Promise<Account> {
  const t = await apiAs(server)<{ accessToken: string; user: { id: string } }>('POST', '/setup', {
    setupToken: server.setupToken,
    username,
    password,
  });
  return { id: t.user.id, username, password, token: t.accessToken };
}

/** A user registered through the API (with an invite code when given). */
export async function registerUser(
  server: TestServer,
  username: string,
  options: { password?: string; inviteCode?: string } = {},
): Promise<Account> {
  const password = options.password ?? `${username} long passphrase`;
  const t = await apiAs(server)<{ accessToken: string; user: { id: string } }>('POST', '/auth/register', {
    username,
    password,
    ...(options.inviteCode ? { inviteCode: options.inviteCode } : {}),
  });
  return { id: t.user.id, username, password, token: t.accessToken };
}

/** An invite made by an admin through the API. */
export async function createInvite(
  server: TestServer,
  admin: Account,
  body: { label?: string; maxUses?: number | null; expiresAt?: string | null } = {},
) {
  return apiAs(server, admin.token)<{ id: string; code: string; link: string }>('POST', '/admin/invites', body);
}

/** Signs in through the sign-in page, as a person would, and waits to leave it. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

// ---------- what every screen must pass ----------

/** axe-core (WCAG 2.1 A/AA rules): no serious or critical violation on what the page shows now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // a fade or slide still running (a notification, a modal) blends colours mid-way, and axe would
  // judge the contrast of that frame: let finite animations end first (at most 2 s)
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('\n    ')}`,
    );
    throw new Error(`Accessibility violations on ${label} (${page.viewportSize()?.width}px):\n${lines.join('\n')}`);
  }
}

/**
 * Screenshots of the page as it is, at 1280×800 and 390×844 (full page), checked with axe at
 * both widths; the viewport is restored afterwards.
 */
export async function snapshot(page: Page, name: string, options: { a11y?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [
    ['1280', DESKTOP],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150); // layout settles (AppShell breakpoints, charts' resize observers)
    if (options.a11y !== false) await expectAccessible(page, name);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}
