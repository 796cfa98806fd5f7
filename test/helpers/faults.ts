import { get } from 'node:http';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { newId } from '../../server/ids.ts';
import { hashPassword } from '../../server/lib/passwords.ts';
import { insertUser } from '../../server/repositories/users.repository.ts';

/**
 * Issue 11, faults: the real server as its own process, on a real database, while something goes
 * wrong underneath it — PostgreSQL ends its connections in the middle of a burst of writes
 * (test/stress/connection-loss.postgres.test.ts), the process is SIGKILLed in the middle of
 * deleting a user with 100,000 rows (kill-during-deletion.test.ts), SIGTERM arrives under load
 * (sigterm.test.ts). Each test checks outcomes (answers, rows, exit codes), never durations. The
 * figures are printed for SECURITY.md. This file is what they share; the server process is
 * ./server-process.ts.
 */

export const PASSWORD = 'correct horse battery staple';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The end of a server's log, for a failure message. */
export const tail = (log: string) => log.slice(-3000);

let passwordHash: Promise<string> | undefined;

/** A user inserted through the real repository, password PASSWORD. */
export async function addUser(db: Kysely<DB>, username: string, role: 'admin' | 'user' = 'user'): Promise<string> {
  const now = new Date().toISOString();
  const user = await insertUser(db, {
    id: newId(),
    username,
    email: null,
    passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
    role,
    inviteId: null,
    invitedById: null,
    now,
  });
  return user.id;
}

/** What one HTTP request came to: an answer (status, body, some headers) or the network error's code. */
export interface Outcome {
  status: number | null;
  error: string | null;
  body: string;
  contentType: string | null;
  retryAfter: string | null;
}

/** Sends a request and never throws: a refused or broken connection is an outcome like any answer. */
export async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const res = await fetch(url, init);
    const body = await res.text();
    return {
      status: res.status,
      error: null,
      body,
      contentType: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: null,
      error: cause?.code ?? cause?.message ?? String(err),
      body: '',
      contentType: null,
      retryAfter: null,
    };
  }
}

/** A GET on a connection of its own (no kept-alive one reused): its status, or the error code of connecting. */
export function onNewConnection(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: Error & { code?: string }) => resolve(err.code ?? err.message));
  });
}

export const json = (token: string, method: string, payload?: unknown): RequestInit => ({
  method,
  headers: {
    authorization: `Bearer ${token}`,
    ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
  },
  body: payload === undefined ? undefined : JSON.stringify(payload),
});

/** Rows per bulk insert when a test seeds many. */
export const BATCH = 1000;
