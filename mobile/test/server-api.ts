/**
 * Arranging a scene through the real server's HTTP API, the way another person (an admin on
 * the web dashboard, say) would: tests set the stage with these and then act on the screens.
 */
import { SERVER, ADMIN } from './app';

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${SERVER}${path}`, {
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

interface Tokens {
  accessToken: string;
  user: { id: string; username: string };
}

export const login = (username: string, password: string) =>
  call<Tokens>('POST', '/api/v1/auth/login', null, { username, password });

/** An access token of the first admin (global-setup.ts). */
export const adminToken = async () => (await login(ADMIN.username, ADMIN.password)).accessToken;

let counter = 0;
/** A username no other test of this run uses. */
export const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${counter++}`;

export interface TestInvite {
  id: string;
  code: string;
  link: string;
}

export async function createInvite(body: { label?: string; maxUses?: number; expiresAt?: string } = {}) {
  return call<TestInvite>('POST', '/api/v1/admin/invites', await adminToken(), body);
}

export async function revokeInvite(id: string) {
  return call<TestInvite>('POST', `/api/v1/admin/invites/${id}/revoke`, await adminToken());
}

/** A new person registered with a fresh invite; returns their id, name and password. */
export async function createPerson(prefix = 'person') {
  const invite = await createInvite({ maxUses: 1 });
  const username = uniqueName(prefix);
  const password = 'a long enough passphrase';
  const tokens = await call<Tokens>('POST', '/api/v1/auth/register', null, {
    username,
    password,
    inviteCode: invite.code,
  });
  return { id: tokens.user.id, username, password, accessToken: tokens.accessToken };
}

export async function changeUser(id: string, change: { role?: 'admin' | 'user'; status?: 'active' | 'disabled' }) {
  return call<{ role: string; status: string }>('PATCH', `/api/v1/admin/users/${id}`, await adminToken(), change);
}

export async function getUser(id: string) {
  const response = await fetch(`${SERVER}/api/v1/admin/users/${id}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

/** The address of the server of this run. */
export const SERVER_URL = SERVER;

export { call };
