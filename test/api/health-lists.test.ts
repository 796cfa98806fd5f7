import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, requestsAs, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';

describe('health-data lists: newest first, keyset cursors, from/to on the date field', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'alice' });
    token = (await login(t.app, 'alice')).accessToken;
  });
  afterEach(() => t.close());

  const get = (url: string) => requestsAs(t.app, token).get(url);
  const post = (url: string, payload: object) => requestsAs(t.app, token).post(url, payload);

  /** Walks every page and returns the items in order, checking each page's size. */
  async function walk(url: string, limit: number): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = body(res);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (page.nextCursor) expect(page.items.length).toBe(limit);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  it('pages through observations with ties on the time, without gaps or repeats', async () => {
    const times = [
      '2026-01-01T10:00:00Z',
      '2026-01-02T10:00:00Z',
      '2026-01-02T10:00:00Z',
      '2026-01-02T10:00:00Z',
      '2026-01-03T09:00:00+01:00',
      '2026-01-04T10:00:00Z',
      '2026-01-05T10:00:00Z',
    ];
    const ids: string[] = [];
    for (const [i, observedAt] of times.entries())
      ids.push(body(await post('/api/v1/observations', { observedAt, metric: 'hr', value: 60 + i })).id);

    const all = await walk('/api/v1/observations', 3);
    expect(all).toHaveLength(7);
    expect(new Set(all.map((i) => i.id)).size).toBe(7);
    const keys = all.map((i) => `${i.observedAt}|${i.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(all[0].value).toBe(66);

    const full = body(await get('/api/v1/observations?limit=200'));
    expect(full.items.map((i: { id: string }) => i.id)).toEqual(all.map((i) => i.id));
    expect(full.nextCursor).toBeNull();
    expect(body(await get('/api/v1/observations')).items).toHaveLength(7);
  });

  it('filters on the time field with inclusive from and to, normalising time zones', async () => {
    for (const observedAt of [
      '2026-01-01T23:59:59.999Z',
      '2026-01-02T00:00:00Z',
      '2026-01-02T12:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-03T00:00:00.001Z',
    ]) {
      await post('/api/v1/observations', { observedAt, metric: 'hr', value: 1 });
    }
    const inRange = await walk(`/api/v1/observations?from=2026-01-02T01:00:00%2B01:00&to=2026-01-03T00:00:00Z`, 2);
    expect(inRange.map((i) => i.observedAt)).toEqual([
      '2026-01-03T00:00:00.000Z',
      '2026-01-02T12:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
    ]);
    expect(body(await get('/api/v1/observations?from=2026-01-03T00:00:00.001Z')).items).toHaveLength(1);
    expect(body(await get('/api/v1/observations?to=2026-01-01T23:59:59.999Z')).items).toHaveLength(1);
  });

  it('filters date kinds on their date (check-ins by date, interventions by startedOn, lab results by collectedOn)', async () => {
    for (const date of ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04']) {
      await post('/api/v1/check-ins', { date, mood: 3 });
      await post('/api/v1/interventions', { name: `i-${date}`, kind: 'habit', startedOn: date });
      await post('/api/v1/lab-results', { collectedOn: date, analyte: 'TSH', value: 2 });
    }
    for (const [path, field] of [
      ['check-ins', 'date'],
      ['interventions', 'startedOn'],
      ['lab-results', 'collectedOn'],
    ]) {
      const items = await walk(`/api/v1/${path}?from=2026-02-02&to=2026-02-03`, 1);
      expect(items.map((i) => i[field])).toEqual(['2026-02-03', '2026-02-02']);
    }
  });

  it('refuses bad list queries with 400 validation_failed', async () => {
    await post('/api/v1/check-ins', { date: '2026-02-01' });
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=ten',
      'cursor=not-a-cursor',
      'from=2026-02-31',
      'from=yesterday',
      'from=2026-02-03&to=2026-02-01',
    ]) {
      const res = await get(`/api/v1/check-ins?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(body(res).code).toBe('validation_failed');
    }
    expect((await get('/api/v1/observations?from=2026-02-01')).statusCode).toBe(400);
  });
});
