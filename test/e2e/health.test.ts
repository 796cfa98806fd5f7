import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiAs,
  createAdmin,
  launchBrowser,
  newPage,
  signIn,
  snapshot,
  startServer,
  type Account,
  type TestServer,
} from './harness.ts';
import { dayOffset, listOf, newPerson, seed, tableRows } from './health-helpers.ts';

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

async function signedIn(who: Account): Promise<Page> {
  const { page } = await newPage(browser, server);
  await signIn(page, who.username, who.password);
  return page;
}

describe('a brand-new account', () => {
  test('Home says what to do next', async () => {
    const page = await signedIn(await newPerson(server, admin, 'newcomer'));
    await page.getByRole('button', { name: 'Add today’s check-in' }).waitFor();
    await page.getByText('Add your first intervention').waitFor();
    await snapshot(page, 'health-home-empty');
  });
});

describe('check-ins', () => {
  test('add, see a validation error in words, edit, delete — the API agrees each time', async () => {
    const who = await newPerson(server, admin, 'checker');
    const page = await signedIn(who);
    await page.goto('/check-ins');
    await page.getByText('No check-ins yet').waitFor();

    await page.getByRole('button', { name: 'Add check-in' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add check-in' });
    await dialog.getByLabel('Date').fill('2026-03-03');
    await dialog.getByRole('radiogroup', { name: 'Mood' }).getByText('4, good', { exact: true }).click();
    await dialog.getByRole('radiogroup', { name: 'Energy' }).getByText('2, low', { exact: true }).click();
    await dialog.getByLabel('Sleep hours').fill('30');
    await snapshot(page, 'health-add-dialog');
    await dialog.getByRole('button', { name: 'Add check-in' }).click();
    await dialog.getByText('Sleep hours must be between 0 and 24.').waitFor();
    expect(await listOf(server, who, '/check-ins')).toHaveLength(0);

    await dialog.getByLabel('Sleep hours').fill('7.5');
    await dialog.getByLabel('Notes').fill('Slept well');
    await dialog.getByRole('button', { name: 'Add check-in' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = tableRows(page).filter({ hasText: '3 Mar 2026' });
    await row.getByText('4 / 5').waitFor();
    await row.getByText('7.5 h').waitFor();
    const [saved] = await listOf<{
      id: string;
      date: string;
      mood: number;
      energy: number;
      sleepHours: number;
      notes: string;
    }>(server, who, '/check-ins');
    expect(saved).toMatchObject({ date: '2026-03-03', mood: 4, energy: 2, sleepHours: 7.5, notes: 'Slept well' });

    // Edit: the PATCH carries only what changed (a mood changed elsewhere meanwhile survives);
    // an emptied optional field is cleared with null
    await page.getByRole('button', { name: 'Edit the check-in of 3 Mar 2026' }).first().click();
    const edit = page.getByRole('dialog', { name: 'Edit check-in' });
    await apiAs(server, who.token)('PATCH', `/check-ins/${saved.id}`, { mood: 5 });
    await edit.getByLabel('Sleep hours').fill('8');
    await edit.getByLabel('Notes').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('8 h').waitFor();
    const [edited] = await listOf<typeof saved>(server, who, '/check-ins');
    expect(edited).toMatchObject({ id: saved.id, mood: 5, energy: 2, sleepHours: 8, notes: null });

    // Delete: confirmed, naming the entry
    await page.getByRole('button', { name: 'Delete the check-in of 3 Mar 2026' }).first().click();
    const confirm = page.getByRole('dialog', { name: 'Delete check-in?' });
    await confirm.getByText('Delete the check-in of 3 Mar 2026? This cannot be undone.').waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No check-ins yet').waitFor();
    expect(await listOf(server, who, '/check-ins')).toHaveLength(0);
  });

  test('pages with Load more over 60 items, filters by a date range kept in the URL, and charts them', async () => {
    const who = await newPerson(server, admin, 'pager');
    await seed(
      server,
      who,
      '/check-ins',
      Array.from({ length: 60 }, (_, i) => ({
        date: dayOffset(-i),
        mood: 1 + (i % 5),
        energy: 1 + ((i + 2) % 5),
        sleepHours: 6 + (i % 4) * 0.5,
      })),
    );
    const page = await signedIn(who);
    await page.goto('/check-ins');
    await expect.poll(() => tableRows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => tableRows(page).count()).toBe(60);
    await page.getByText('Showing all 60 check-ins.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Date range' }).click();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('from') === dayOffset(-6) && u.searchParams.get('to') === dayOffset(0),
    );
    await expect.poll(() => tableRows(page).count()).toBe(7);
    await page.getByRole('img', { name: /Line chart of 7 check-ins/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await snapshot(page, 'health-check-ins');

    await page.reload();
    await expect.poll(() => tableRows(page).count()).toBe(7);
  });
});

describe('observations, lab results, integrations and Home with data', () => {
  let who: Account;
  beforeAll(async () => {
    who = await newPerson(server, admin, 'datafull');
    const [magnesium] = await seed(server, who, '/interventions', [
      { name: 'Magnesium', kind: 'supplement', dose: '300 mg', startedOn: dayOffset(-20), endedOn: dayOffset(-8) },
      { name: 'Evening walk', kind: 'habit', startedOn: dayOffset(-5) },
    ]);
    await seed(
      server,
      who,
      '/observations',
      Array.from({ length: 28 }, (_, i) => ({
        observedAt: `${dayOffset(-27 + i)}T07:30:00.000Z`,
        metric: 'resting heart rate',
        value: 64 - Math.round(i / 4) + (i % 3),
        unit: 'bpm',
        ...(i > 7 && i < 20 ? { interventionId: magnesium.id } : {}),
      })).concat([{ observedAt: `${dayOffset(-1)}T08:00:00.000Z`, metric: 'weight', value: 72.4, unit: 'kg' }]),
    );
    await seed(server, who, '/lab-results', [
      {
        collectedOn: dayOffset(-300),
        analyte: 'LDL cholesterol',
        value: 2.6,
        unit: 'mmol/L',
        referenceLow: 0,
        referenceHigh: 3,
        lab: 'City Lab',
      },
      {
        collectedOn: dayOffset(-120),
        analyte: 'LDL cholesterol',
        value: 3.1,
        unit: 'mmol/L',
        referenceLow: 0,
        referenceHigh: 3,
        lab: 'City Lab',
      },
      {
        collectedOn: dayOffset(-10),
        analyte: 'LDL cholesterol',
        value: 4.2,
        unit: 'mmol/L',
        referenceLow: 0,
        referenceHigh: 3,
        lab: 'City Lab',
      },
      {
        collectedOn: dayOffset(-10),
        analyte: 'Ferritin',
        value: 18,
        unit: 'µg/L',
        referenceLow: 30,
        referenceHigh: 400,
        lab: 'City Lab',
      },
    ]);
    await seed(
      server,
      who,
      '/check-ins',
      Array.from({ length: 20 }, (_, i) => ({
        date: dayOffset(-i),
        mood: 2 + (i % 4),
        energy: 1 + (i % 5),
        sleepHours: 6.5 + (i % 3),
      })),
    );
    await seed(server, who, '/health-records', [
      { recordedAt: `${dayOffset(-3)}T10:00:00.000Z`, type: 'blood pressure', data: { systolic: 121, diastolic: 79 } },
    ]);
    await seed(server, who, '/integrations', [
      { provider: 'oura', label: 'My ring', accessToken: 'seeded-secret-token-9f3a' },
    ]);
  });

  test('observations: a metric over time with the interventions shaded', async () => {
    const page = await signedIn(who);
    await page.goto('/observations');
    await page.getByRole('img', { name: /28 resting heart rate values in bpm.*Shaded periods: .*Magnesium/ }).waitFor();
    await page.getByRole('region', { name: 'Resting heart rate over time (bpm)' }).getByText('Magnesium').waitFor();
    await snapshot(page, 'health-observations');
  });

  test('lab results: an out-of-range value is flagged High, a low one Low', async () => {
    const page = await signedIn(who);
    await page.goto('/lab-results');
    const high = tableRows(page).filter({ hasText: '4.2 mmol/L' });
    await high.getByText('High', { exact: true }).waitFor();
    await tableRows(page).filter({ hasText: 'Ferritin' }).getByText('Low', { exact: true }).waitFor();
    expect(await tableRows(page).filter({ hasText: '2.6 mmol/L' }).getByText('High', { exact: true }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Analyte' }).click();
    await page.getByRole('option', { name: 'LDL cholesterol' }).click();
    await page.waitForURL((u) => u.searchParams.get('analyte') === 'LDL cholesterol');
    await page
      .getByRole('img', { name: /LDL cholesterol results.*reference range 0 to 3; 2 outside the range/ })
      .waitFor();
    await page.mouse.move(0, 0);
    await snapshot(page, 'health-lab-results');
  });

  test('integrations show only the token hint, never the token', async () => {
    const page = await signedIn(who);
    await page.goto('/integrations');
    await page.getByText('••••9f3a').first().waitFor();
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add integration' });
    await dialog.getByLabel('Provider').fill('withings');
    await dialog.getByLabel('Access token').fill('typed-secret-token-77aa');
    await dialog.getByRole('button', { name: 'Add integration' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('••••77aa').first().waitFor();
    const html = await page.content();
    expect(html).not.toContain('seeded-secret-token');
    expect(html).not.toContain('typed-secret-token');
    await page.getByRole('button', { name: 'Edit the integration “withings”' }).first().click();
    expect(await page.getByRole('dialog').getByLabel('Access token').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await snapshot(page, 'health-integrations');
  });

  test('interventions and health records: each listed with what matters, the JSON data readable', async () => {
    const page = await signedIn(who);
    await page.goto('/interventions');
    await page.getByRole('heading', { name: 'Interventions' }).waitFor();
    const magnesium = tableRows(page).filter({ hasText: 'Magnesium' });
    await magnesium.getByText('300 mg').waitFor();
    expect(await tableRows(page).count()).toBe(2);
    await snapshot(page, 'health-interventions');

    await page.goto('/health-records');
    await page.getByRole('heading', { name: 'Health records' }).waitFor();
    await tableRows(page).filter({ hasText: 'blood pressure' }).getByText('systolic 121 · diastolic 79').waitFor();
    expect(await tableRows(page).count()).toBe(1);
    await snapshot(page, 'health-records');
  });

  test('Home: today, the last 30 days and the latest of each kind', async () => {
    const page = await signedIn(who);
    await page.getByRole('button', { name: 'Edit today’s check-in' }).waitFor();
    await page.getByRole('img', { name: /Line chart of 20 check-ins/ }).waitFor();
    await page.getByRole('region', { name: 'Lab results' }).getByText('LDL cholesterol').first().waitFor();
    await snapshot(page, 'health-home');
  });
});
