import { today } from '../src/lib/format';
import { connectToServer, openApp, press, screen, signIn, waitFor } from './app';
import { call, createPerson } from './server-api';

interface CheckIn {
  id: string;
  date: string;
  mood: number | null;
  energy: number | null;
  sleepHours: number | null;
}

/** The person's check-ins of today, read over HTTP with their own token, as the dashboard would. */
async function todaysCheckIns(token: string): Promise<CheckIn[]> {
  const date = today();
  const page = await call<{ items: CheckIn[] }>('GET', `/api/v1/check-ins?from=${date}&to=${date}`, token);
  return page.items;
}

async function openHomeAs(person: { username: string; password: string }) {
  await openApp();
  await connectToServer();
  await signIn(person.username, person.password);
  await screen.findByRole('header', { name: `Hello, ${person.username}` });
}

describe('Home', () => {
  it('saves today’s check-in in a few taps, then changes the same check-in instead of adding one', async () => {
    const person = await createPerson('checkin');
    await openHomeAs(person);
    await screen.findByRole('button', { name: 'Mood 4 of 5' });
    // which account, on which server
    expect(screen.getByText(`Signed in as ${person.username}.`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save check-in' })).toBeDisabled();

    await press('Mood 4 of 5');
    await press('Energy 3 of 5');
    await press('Sleep 7 hours');
    await press('Half an hour more sleep');
    expect(screen.getByRole('button', { name: 'Mood 4 of 5' })).toBeSelected();
    expect(screen.getByRole('button', { name: 'Mood 5 of 5' })).not.toBeSelected();
    expect(screen.getByText('7.5 hours')).toBeTruthy();
    await press('Save check-in');
    expect(await screen.findByText('Today’s check-in is saved.')).toBeTruthy();

    const [first, ...more] = await todaysCheckIns(person.accessToken);
    expect(more).toEqual([]);
    expect(first).toMatchObject({ date: today(), mood: 4, energy: 3, sleepHours: 7.5 });

    await press('Mood 5 of 5');
    expect(screen.getByRole('button', { name: 'Mood 5 of 5' })).toBeSelected();
    expect(screen.getByRole('button', { name: 'Mood 4 of 5' })).not.toBeSelected();
    await press('Save check-in');
    expect(await screen.findByText('Today’s check-in is saved.')).toBeTruthy();
    const after = await todaysCheckIns(person.accessToken);
    expect(after).toEqual([expect.objectContaining({ id: first!.id, mood: 5, energy: 3, sleepHours: 7.5 })]);
    // the Latest list follows
    expect(await screen.findByText('Mood 5/5 · Energy 3/5 · Sleep 7.5 h · today')).toBeTruthy();
  });

  it('shows a check-in made on the dashboard as today’s, and saving changes that one', async () => {
    const person = await createPerson('dashboard');
    const made = await call<CheckIn>('POST', '/api/v1/check-ins', person.accessToken, {
      date: today(),
      mood: 2,
      energy: 2,
    });
    await openHomeAs(person);
    expect(await screen.findByRole('button', { name: 'Mood 2 of 5' })).toBeSelected();
    expect(screen.getByText(/^You checked in today/)).toBeTruthy();
    await press('Energy 4 of 5');
    await press('Save check-in');
    await screen.findByText('Today’s check-in is saved.');
    expect(await todaysCheckIns(person.accessToken)).toEqual([
      expect.objectContaining({ id: made.id, mood: 2, energy: 4, sleepHours: null }),
    ]);
  });

  it('lists the newest entry of each kind in words, and says when there is nothing yet', async () => {
    const person = await createPerson('latest');
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    await call('POST', '/api/v1/check-ins', person.accessToken, { date: today(daysAgo(3)), mood: 3, sleepHours: 8 });
    await call('POST', '/api/v1/observations', person.accessToken, {
      observedAt: daysAgo(2).toISOString(),
      metric: 'weight',
      value: 71.2,
      unit: 'kg',
    });
    // an older observation is not the latest
    await call('POST', '/api/v1/observations', person.accessToken, {
      observedAt: daysAgo(9).toISOString(),
      metric: 'weight',
      value: 74,
      unit: 'kg',
    });
    await call('POST', '/api/v1/lab-results', person.accessToken, {
      collectedOn: today(daysAgo(1)),
      analyte: 'LDL cholesterol',
      value: 4.1,
      unit: 'mmol/L',
      referenceHigh: 3,
    });
    await openHomeAs(person);
    expect(await screen.findByText('Weight 71.2 kg · 2 days ago')).toBeTruthy();
    expect(screen.getByText('Mood 3/5 · Sleep 8 h · 3 days ago')).toBeTruthy();
    expect(screen.getByText('LDL cholesterol 4.1 mmol/L · above range · yesterday')).toBeTruthy();
    expect(screen.getByText('No interventions yet.')).toBeTruthy();
    expect(screen.getByText('No health records yet.')).toBeTruthy();
    expect(screen.queryByText(/74 kg/)).toBeNull();
  });

  it('says there is nothing yet for a new person', async () => {
    const person = await createPerson('empty');
    await openHomeAs(person);
    expect(await screen.findByText(/^Nothing here yet\. Check in above/)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save check-in' })).toBeDisabled());
  });
});
