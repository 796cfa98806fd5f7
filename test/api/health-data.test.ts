import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, createTestApp, requestsAs, type Method, type TestApp } from '../helpers/test-app.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { expectedItem, SAMPLES } from '../helpers/health-samples.ts';

describe('health data CRUD, written once for six kinds', () => {
  let t: TestApp;
  let clock: FakeClock;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-03-10T12:00:00.000Z'));
    t = await createTestApp({ clock });
    await createUser(t.ctx, { username: 'alice' });
    await createUser(t.ctx, { username: 'bob' });
    alice = (await login(t.app, 'alice')).accessToken;
    bob = (await login(t.app, 'bob')).accessToken;
  });
  afterEach(() => t.close());

  const call = (token: string, method: Method, url: string, payload?: object) =>
    requestsAs(t.app, token).send(method, url, payload);

  for (const sample of SAMPLES) {
    describe(sample.path, () => {
      it('creates, reads, lists, patches, clears with null and deletes', async () => {
        const created = await call(alice, 'POST', sample.path, sample.create);
        expect(created.statusCode).toBe(201);
        const item = body(created);
        expect(item).toMatchObject(expectedItem(sample, sample.create));
        expect(item).toMatchObject({ createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() });
        expect(typeof item.id).toBe('string');

        expect(body(await call(alice, 'GET', `${sample.path}/${item.id}`))).toEqual(item);
        const list = body(await call(alice, 'GET', sample.path));
        expect(list).toEqual({ items: [item], nextCursor: null });

        clock.advance(60_000);
        const patched = await call(alice, 'PATCH', `${sample.path}/${item.id}`, sample.patch);
        expect(patched.statusCode).toBe(200);
        expect(body(patched)).toMatchObject({
          ...expectedItem(sample, sample.patch),
          id: item.id,
          createdAt: item.createdAt,
          updatedAt: clock.now().toISOString(),
        });
        // fields the patch did not name are kept
        const untouched = Object.keys(sample.create).filter(
          (k) => !(k in sample.patch) && k !== 'accessToken' && k !== 'refreshToken',
        );
        for (const k of untouched) expect(body(patched)[k]).toEqual(item[k]);

        const cleared = body(await call(alice, 'PATCH', `${sample.path}/${item.id}`, { [sample.clearable]: null }));
        expect(cleared[sample.clearable]).toBeNull();
        expect(body(await call(alice, 'GET', `${sample.path}/${item.id}`))[sample.clearable]).toBeNull();

        expect((await call(alice, 'DELETE', `${sample.path}/${item.id}`)).statusCode).toBe(204);
        const gone = await call(alice, 'GET', `${sample.path}/${item.id}`);
        expect(gone.statusCode).toBe(404);
        expect(body(gone).code).toBe('not_found');
        expect((await call(alice, 'DELETE', `${sample.path}/${item.id}`)).statusCode).toBe(404);
        expect(body(await call(alice, 'GET', sample.path)).items).toEqual([]);
      });

      it('refuses invalid bodies with 400 validation_failed and stores nothing', async () => {
        for (const invalid of sample.invalid) {
          const res = await call(alice, 'POST', sample.path, invalid);
          expect(res.statusCode, JSON.stringify(invalid)).toBe(400);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(body(res).code).toBe('validation_failed');
          expect(body(res).errors.length).toBeGreaterThan(0);
        }
        expect(body(await call(alice, 'GET', sample.path)).items).toEqual([]);

        const item = body(await call(alice, 'POST', sample.path, sample.create));
        for (const bad of [sample.invalidPatch, { unknownField: 1 }]) {
          const res = await call(alice, 'PATCH', `${sample.path}/${item.id}`, bad);
          expect(res.statusCode, JSON.stringify(bad)).toBe(400);
          expect(body(res).code).toBe('validation_failed');
        }
        expect(body(await call(alice, 'GET', `${sample.path}/${item.id}`))).toEqual(item);
        expect((await call(alice, 'GET', `${sample.path}/not%20an%20id!`)).statusCode).toBe(404);
      });

      it("keeps each person's data to themselves: another user's id answers 404", async () => {
        const item = body(await call(alice, 'POST', sample.path, sample.create));
        for (const [method, payload] of [['GET'], ['PATCH', sample.patch], ['DELETE']] as const) {
          const res = await call(bob, method, `${sample.path}/${item.id}`, payload);
          expect(res.statusCode, method).toBe(404);
          expect(body(res).code).toBe('not_found');
        }
        expect(body(await call(bob, 'GET', sample.path)).items).toEqual([]);
        expect(body(await call(alice, 'GET', `${sample.path}/${item.id}`))).toEqual(item);
      });
    });
  }

  it('links observations only to interventions of the caller, and unlinks them when the intervention goes', async () => {
    const own = body(
      await call(alice, 'POST', '/api/v1/interventions', {
        name: 'Creatine',
        kind: 'supplement',
        startedOn: '2026-01-01',
      }),
    );
    const bobs = body(
      await call(bob, 'POST', '/api/v1/interventions', { name: 'Walks', kind: 'habit', startedOn: '2026-01-01' }),
    );
    const base = { observedAt: '2026-03-01T07:00:00Z', metric: 'grip', value: 50 };
    const linked = await call(alice, 'POST', '/api/v1/observations', { ...base, interventionId: own.id });
    expect(linked.statusCode).toBe(201);
    expect(body(linked).interventionId).toBe(own.id);

    const foreign = await call(alice, 'POST', '/api/v1/observations', { ...base, interventionId: bobs.id });
    expect(foreign.statusCode).toBe(400);
    expect(body(foreign)).toMatchObject({ code: 'validation_failed', errors: [{ path: '/interventionId' }] });
    const foreignPatch = await call(alice, 'PATCH', `/api/v1/observations/${body(linked).id}`, {
      interventionId: bobs.id,
    });
    expect(foreignPatch.statusCode).toBe(400);

    expect((await call(alice, 'DELETE', `/api/v1/interventions/${own.id}`)).statusCode).toBe(204);
    expect(body(await call(alice, 'GET', `/api/v1/observations/${body(linked).id}`)).interventionId).toBeNull();
  });

  it('keeps endedOn ≥ startedOn when two PATCHes race, each valid alone', async () => {
    for (let round = 0; round < 10; round++) {
      const item = body(
        await call(alice, 'POST', '/api/v1/interventions', {
          name: `race ${round}`,
          kind: 'habit',
          startedOn: '2026-01-01',
          endedOn: '2026-01-31',
        }),
      );
      const url = `/api/v1/interventions/${item.id}`;
      const results = await Promise.all([
        call(alice, 'PATCH', url, { startedOn: '2026-01-20' }),
        call(alice, 'PATCH', url, { endedOn: '2026-01-10' }),
      ]);
      // the second to run sees the first's change and is refused; never both
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
      const refused = results.find((r) => r.statusCode === 400)!;
      expect(body(refused)).toMatchObject({ code: 'validation_failed', errors: [{ path: '/endedOn' }] });
      const stored = body(await call(alice, 'GET', url));
      expect(stored.endedOn >= stored.startedOn, JSON.stringify(stored)).toBe(true);
    }
  });

  it('accepts health-record data of exactly 64 KiB of JSON and refuses one byte more', async () => {
    const nested = { list: [1, 'two', null, true] };
    const exact = { blob: 'z'.repeat(64 * 1024 - JSON.stringify({ blob: '', nested }).length), nested };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(64 * 1024);
    const res = await call(alice, 'POST', '/api/v1/health-records', {
      recordedAt: '2026-03-01T00:00:00Z',
      type: 'raw',
      data: exact,
    });
    expect(res.statusCode).toBe(201);
    expect(body(await call(alice, 'GET', `/api/v1/health-records/${body(res).id}`)).data).toEqual(exact);
    const over = await call(alice, 'POST', '/api/v1/health-records', {
      recordedAt: '2026-03-01T00:00:00Z',
      type: 'raw',
      data: { ...exact, blob: exact.blob + 'z' },
    });
    expect(over.statusCode).toBe(400);
    expect(body(over).errors).toEqual([expect.objectContaining({ path: '/data' })]);
  });

  it('refuses health data to a disabled account (403 account_disabled) and to anonymous calls (401)', async () => {
    const item = body(await call(alice, 'POST', '/api/v1/check-ins', { date: '2026-03-01' }));
    await createUser(t.ctx, { username: 'dora', status: 'disabled' });
    const limited = await login(t.app, 'dora');
    expect(limited.limited).toBe(true);
    for (const sample of SAMPLES) {
      for (const [method, url] of [
        ['GET', sample.path],
        ['POST', sample.path],
        ['GET', `${sample.path}/x`],
        ['DELETE', `${sample.path}/x`],
      ] as const) {
        const res = await call(limited.accessToken, method, url, method === 'POST' ? sample.create : undefined);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(body(res).code).toBe('account_disabled');
      }
      const anon = await t.app.inject({ method: 'GET', url: sample.path });
      expect(anon.statusCode).toBe(401);
      expect(body(anon).code).toBe('unauthenticated');
    }
    expect(body(await call(alice, 'GET', `/api/v1/check-ins/${item.id}`)).id).toBe(item.id);
  });
});
