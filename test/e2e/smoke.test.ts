import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, snapshot, startServer, type TestServer } from './harness.ts';

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

test('sign-in page renders', async () => {
  const { page } = await newPage(browser, server);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await snapshot(page, 'smoke-login');
});
