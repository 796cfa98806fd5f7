import { randomBytes } from 'node:crypto';
import { open, seal } from './crypto.ts';
import type { AppContext } from '../context.ts';
import { loadDataCipher } from './data-encryption.ts';
import { loadSealedSecret, type SealedSecret } from './sealed-secrets.ts';

/** What the browser flow must remember between /authorize and /callback. */
export interface FlowState {
  state: string;
  nonce: string;
  /** the PKCE code verifier: it must stay secret, hence the cookie is encrypted, not just signed */
  verifier: string;
  invite: string | null;
  returnTo: string;
  /** epoch milliseconds after which the flow is refused */
  expiresAt: number;
  /** set when a signed-in person links Google from Settings: the account and session that asked */
  link?: { userId: string; sessionId: string };
}

export const FLOW_COOKIE = 'baseline_oauth';
export const FLOW_COOKIE_PATH = '/api/v1/auth/google';
export const FLOW_TTL_MS = 10 * 60_000;
/** The binder of a Google link ticket (see createGoogleLinkIntent): proves the ticket comes back to the browser that asked. */
export const LINK_COOKIE = 'baseline_link';

/**
 * The key of flow cookies and link tickets, sealed with the data key (sealed-secrets.ts): with the
 * key, anyone could mint a link ticket for any account and session and link their own Google to it.
 */
export const FLOW_KEY_SECRET: SealedSecret = {
  name: 'oauth_flow_key',
  label: 'the Google sign-in flow key',
  generate: () => randomBytes(32).toString('base64'),
};
/** Every process reads the same key from the database, so a flow may start on one and finish on another. */
const keys = new WeakMap<AppContext, Promise<Buffer>>();

/**
 * The flow key of this server, read once per context. The server's start calls it, so that a plain
 * key of an earlier version is replaced at start (flows begun before the upgrade then fail once).
 */
export function loadFlowKey(ctx: AppContext): Promise<Buffer> {
  let key = keys.get(ctx);
  if (!key) {
    key = loadSealedSecret(ctx.db, loadDataCipher(ctx), FLOW_KEY_SECRET, ctx.clock.now()).then((v) =>
      Buffer.from(v, 'base64'),
    );
    key.catch(() => keys.delete(ctx));
    keys.set(ctx, key);
  }
  return key;
}

/**
 * Seals a value with AES-256-GCM under the flow key; `purpose` is authenticated data, so a value
 * sealed for one purpose (a link ticket) never opens as another (a flow cookie).
 */
export async function sealValue(ctx: AppContext, purpose: string, value: object): Promise<string> {
  const { iv, ciphertext, tag } = seal(await loadFlowKey(ctx), JSON.stringify(value), purpose);
  return [iv, ciphertext, tag].map((b) => b.toString('base64url')).join('.');
}

/** Opens a sealed value of this purpose; null when tampered with, sealed for another purpose, or expired (`expiresAt`). */
export async function openValue(
  ctx: AppContext,
  purpose: string,
  sealed: string | undefined,
): Promise<Record<string, unknown> | null> {
  const parts = sealed?.split('.');
  if (!parts || parts.length !== 3) return null;
  try {
    const [iv, ciphertext, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
    const value = JSON.parse(open(await loadFlowKey(ctx), { iv, ciphertext, tag }, purpose)) as Record<string, unknown>;
    if (typeof value.expiresAt !== 'number' || value.expiresAt <= ctx.clock.now().getTime()) return null;
    return value;
  } catch {
    return null;
  }
}

/**
 * Seals the flow state into a cookie value: the browser carries it but can neither read the
 * verifier nor change the invite, the return path or the account being linked. Nothing is kept
 * in memory, so it works with several server processes.
 */
export function sealFlow(ctx: AppContext, flow: FlowState): Promise<string> {
  return sealValue(ctx, '', flow);
}

/** Opens a sealed flow; null when it was tampered with, made by another server, or has expired. */
export async function openFlow(ctx: AppContext, sealed: string | undefined): Promise<FlowState | null> {
  return (await openValue(ctx, '', sealed)) as FlowState | null;
}
