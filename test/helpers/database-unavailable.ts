import { freePort } from './ports.ts';
import { expect } from 'vitest';
import { body, type requestsAs } from './test-app.ts';

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** A local port that nothing listens on: a PostgreSQL that is down. */
export const closedPort = freePort;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a check until it returns a value (not undefined), for at most 20 s. */
export async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = await check();
    if (found !== undefined) return found;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** An answer of `requestsAs(...)`. */
type Reply = Awaited<ReturnType<ReturnType<typeof requestsAs>['get']>>;

/** The answer of a request that found the database unavailable: 503 service_unavailable, Retry-After 5. */
export function expectServiceUnavailable(res: Reply): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(body(res)).toMatchObject({ status: 503, code: 'service_unavailable', title: 'Service unavailable' });
}
