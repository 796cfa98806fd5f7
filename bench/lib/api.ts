import { randomBytes } from 'node:crypto';
import { newId } from '../../server/ids.ts';
import type { BulkWriter, ColumnType } from './seed.ts';

/** One JSON call to the server under test. */
export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The same call, refusing any status but the expected one. */
export async function expect<T = unknown>(
  status: number,
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  const res = await call<T>(base, method, path, options);
  if (res.status !== status)
    throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

interface Tokens {
  accessToken: string;
  user: { id: string; username: string };
}

/** A password long enough for the server's rules and not among the common ones. */
export const PASSWORD = 'a bench passphrase, long enough 7431';

/** Signs in and returns the access token and user. */
export async function signIn(base: string, username: string, password = PASSWORD): Promise<Tokens> {
  return expect<Tokens>(200, base, 'POST', '/api/v1/auth/login', { body: { username, password } });
}

/** Registers an account through the API, on the given invite. */
export async function register(base: string, inviteCode: string, username: string): Promise<Tokens> {
  return expect<Tokens>(201, base, 'POST', '/api/v1/auth/register', {
    body: { username, password: PASSWORD, inviteCode },
  });
}

/** Creates an invite as the admin; returns its code. */
export async function createInvite(
  base: string,
  adminToken: string,
  maxUses: number | null,
): Promise<{ id: string; code: string }> {
  return expect(201, base, 'POST', '/api/v1/admin/invites', {
    token: adminToken,
    body: { label: 'bench', maxUses },
  });
}

const stamps = { created_at: 'text', updated_at: 'text' } as const satisfies Record<string, ColumnType>;

/** `count` days ending yesterday, oldest first, as YYYY-MM-DD. */
function* days(count: number): Generator<string> {
  const today = Date.UTC(2026, 10, 29);
  for (let i = count; i > 0; i--) yield new Date(today - i * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts `count` daily check-ins for a person. */
export function seedCheckIns(w: BulkWriter, userId: string, count: number): Promise<number> {
  const now = new Date().toISOString();
  return w.insert(
    'check_ins',
    {
      id: 'text',
      user_id: 'text',
      date: 'text',
      mood: 'integer',
      energy: 'integer',
      sleep_hours: 'double precision',
      notes: 'text',
      ...stamps,
    },
    (function* () {
      let i = 0;
      for (const date of days(count)) {
        i++;
        yield [
          newId(),
          userId,
          date,
          1 + (i % 5),
          1 + ((i * 3) % 5),
          5 + (i % 40) / 10,
          i % 7 === 0 ? 'slept badly' : null,
          now,
          now,
        ];
      }
    })(),
  );
}

/** Inserts `count` observations for a person, 30 s apart from 2020 on. */
export function seedObservations(w: BulkWriter, userId: string, count: number): Promise<number> {
  const metrics = ['heart-rate', 'steps', 'weight', 'glucose'];
  const t0 = Date.UTC(2020, 0, 1);
  return w.insert(
    'observations',
    {
      id: 'text',
      user_id: 'text',
      observed_at: 'text',
      metric: 'text',
      value: 'double precision',
      unit: 'text',
      notes: 'text',
      ...stamps,
    },
    (function* () {
      for (let i = 0; i < count; i++) {
        const at = new Date(t0 + i * 30_000);
        const stamp = at.toISOString();
        yield [
          newId(at),
          userId,
          stamp,
          metrics[i % 4],
          40 + (i % 1000) / 10,
          'unit',
          i % 10 === 0 ? 'after a walk' : null,
          stamp,
          stamp,
        ];
      }
    })(),
  );
}

/** Inserts `count` health records whose `data` holds about `dataBytes` of JSON each. */
export function seedHealthRecords(w: BulkWriter, userId: string, count: number, dataBytes = 200): Promise<number> {
  const t0 = Date.UTC(2021, 0, 1);
  return w.insert(
    'health_records',
    { id: 'text', user_id: 'text', recorded_at: 'text', type: 'text', data: 'text', notes: 'text', ...stamps },
    (function* () {
      for (let i = 0; i < count; i++) {
        const at = new Date(t0 + i * 60_000);
        const stamp = at.toISOString();
        const data = JSON.stringify({ blob: randomText(dataBytes) });
        yield [newId(at), userId, stamp, 'scan', data, null, stamp, stamp];
      }
    })(),
  );
}

/** Random base64 text: it does not compress, so the size on disk is what the benchmark asks for. */
function randomText(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString('base64')
    .slice(0, length);
}

/** Spreads `count` rows over a person's kinds of data (the deletion benchmark's account). */
export async function seedMixed(w: BulkWriter, userId: string, count: number): Promise<number> {
  const now = new Date().toISOString();
  const share = (f: number) => Math.floor(count * f);
  let n = await seedObservations(w, userId, share(0.5));
  n += await seedHealthRecords(w, userId, share(0.2));
  n += await seedCheckIns(w, userId, share(0.1));
  n += await w.insert(
    'interventions',
    {
      id: 'text',
      user_id: 'text',
      name: 'text',
      kind: 'text',
      dose: 'text',
      started_on: 'text',
      ended_on: 'text',
      notes: 'text',
      ...stamps,
    },
    (function* () {
      for (let i = 0; i < share(0.05); i++)
        yield [newId(), userId, `vitamin ${i}`, 'supplement', '1 tablet', '2025-01-01', null, null, now, now];
    })(),
  );
  const labResults = count - n;
  n += await w.insert(
    'lab_results',
    {
      id: 'text',
      user_id: 'text',
      collected_on: 'text',
      analyte: 'text',
      value: 'double precision',
      unit: 'text',
      reference_low: 'double precision',
      reference_high: 'double precision',
      lab: 'text',
      notes: 'text',
      ...stamps,
    },
    (function* () {
      for (let i = 0; i < labResults; i++)
        yield [newId(), userId, '2025-06-01', 'ferritin', 50 + (i % 90), 'ng/mL', 30, 400, 'City Lab', null, now, now];
    })(),
  );
  return n;
}
