import { soloCoordinator, type RefreshCoordinator, type SessionMessage } from './coordinator.ts';
import { apiErrorFrom, ApiError } from './errors.ts';
import type { TokenResponse, User } from './types.ts';

/** Where a phone keeps its refresh token (the Keychain); the browser keeps it in an httpOnly cookie instead. */
export interface RefreshTokenStore {
  get(): Promise<string | null>;
  set(token: string | null): Promise<void>;
}

export interface SessionOptions {
  baseUrl: string;
  /** `cookie`: the dashboard (refresh token in an httpOnly cookie); `body`: the app (token in the store). */
  mode: 'cookie' | 'body';
  store?: RefreshTokenStore;
  coordinator?: RefreshCoordinator;
  fetch?: typeof fetch;
  /** headers sent with every refresh and logout (the dashboard's `x-baseline-client`) */
  headers?: Record<string, string>;
  now?: () => number;
}

export type SessionStatus = 'unknown' | 'signed-out' | 'signed-in';

export interface SessionSnapshot {
  status: SessionStatus;
  user: User | null;
  /** a disabled account's short token: export, history, delete, sign out; nothing to refresh */
  limited: boolean;
  /** why the last session ended, when it ended on its own (shown on the sign-in page) */
  endedBecause: string | null;
}

/** Refresh this long before the access token expires, so requests never race its expiry. */
const EARLY_MS = 30_000;

/**
 * The one owner of a person's tokens. The access token lives only in memory; it is renewed
 * once however many requests want it at the same moment (single flight), and — with the web
 * coordinator — once across all tabs. Screens subscribe to the snapshot.
 */
export class Session {
  #accessToken: string | null = null;
  #expiresAt = 0;
  #obtainedAt = 0;
  #inflight: Promise<string | null> | null = null;
  #snapshot: SessionSnapshot = { status: 'unknown', user: null, limited: false, endedBecause: null };
  #listeners = new Set<() => void>();
  readonly #opts: Required<Omit<SessionOptions, 'store'>> & { store?: RefreshTokenStore };

  constructor(options: SessionOptions) {
    this.#opts = {
      coordinator: soloCoordinator,
      fetch: (...a) => globalThis.fetch(...a),
      headers: {},
      now: () => Date.now(),
      ...options,
    };
    this.#opts.coordinator.subscribe((m) => this.#onMessage(m));
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.#snapshot;

  /** Takes the tokens of a sign-in, registration or setup. */
  async accept(tokens: TokenResponse): Promise<void> {
    if (this.#opts.mode === 'body' && this.#opts.store) await this.#opts.store.set(tokens.refreshToken);
    this.#take(tokens.accessToken, tokens.accessTokenExpiresAt, tokens.limited, tokens.user);
    this.#opts.coordinator.broadcast({
      kind: 'tokens',
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      limited: tokens.limited,
      at: this.#obtainedAt,
    });
  }

  /** A limited token handed over in a URL fragment (Google web flow for a disabled account). */
  acceptLimited(accessToken: string, accessTokenExpiresAt: string): void {
    this.#take(accessToken, accessTokenExpiresAt, true, this.#snapshot.user);
  }

  /** Keeps the shown user current after /me or an account change. */
  setUser(user: User): void {
    this.#set({ ...this.#snapshot, user, status: this.#accessToken ? 'signed-in' : this.#snapshot.status });
  }

  /** The server said the account is disabled (an admin disabled it while the page was open). */
  markDisabled(): void {
    const user = this.#snapshot.user;
    this.#set({ ...this.#snapshot, limited: true, user: user ? { ...user, status: 'disabled' } : user });
  }

  /** Starts the page: trades the refresh cookie (or stored token) for an access token, if there is one. */
  async restore(): Promise<void> {
    const token = await this.refresh();
    if (!token) this.#set({ ...this.#snapshot, status: 'signed-out', endedBecause: null });
  }

  /** An access token good for the next request, refreshing first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    if (this.#accessToken && this.#expiresAt - this.#opts.now() > EARLY_MS) return this.#accessToken;
    if (!this.#accessToken && this.#snapshot.status === 'signed-out') return null;
    if (this.#snapshot.limited)
      return this.#accessToken && this.#expiresAt > this.#opts.now() ? this.#accessToken : this.#end('unauthenticated');
    return this.refresh();
  }

  /** A request was refused with this token: refresh unless someone already did. */
  async afterRejected(rejected: string): Promise<string | null> {
    if (this.#accessToken && this.#accessToken !== rejected) return this.#accessToken;
    if (this.#snapshot.limited) return this.#end('unauthenticated');
    return this.refresh();
  }

  /** One refresh for every caller in this instance, and (web) one across all tabs. */
  refresh(): Promise<string | null> {
    if (!this.#inflight) {
      const startedAt = this.#obtainedAt;
      this.#inflight = this.#opts.coordinator
        .exclusive(async () => {
          // another tab refreshed while this one waited for the lock: use its token
          if (this.#obtainedAt > startedAt && this.#accessToken && this.#expiresAt - this.#opts.now() > EARLY_MS)
            return this.#accessToken;
          return this.#refreshNow();
        })
        .finally(() => {
          this.#inflight = null;
        });
    }
    return this.#inflight;
  }

  /** Signs out on the server (ends this session) and everywhere in this browser. */
  async signOut(): Promise<void> {
    const token = this.#accessToken;
    const body =
      this.#opts.mode === 'body' && this.#opts.store
        ? { refreshToken: (await this.#opts.store.get()) ?? undefined }
        : {};
    try {
      await this.#opts.fetch(`${this.#opts.baseUrl}/api/v1/auth/logout`, {
        method: 'POST',
        credentials: 'include',
        headers: {
          'content-type': 'application/json',
          ...this.#opts.headers,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body.refreshToken ? body : {}),
      });
    } finally {
      await this.#end(null);
      this.#opts.coordinator.broadcast({ kind: 'signed-out', at: this.#opts.now() });
    }
  }

  /** Forgets the session locally (after the account was deleted, or the server ended it). */
  async forget(reason: string | null = null): Promise<void> {
    await this.#end(reason);
    this.#opts.coordinator.broadcast({ kind: 'signed-out', at: this.#opts.now() });
  }

  async #refreshNow(): Promise<string | null> {
    let body: Record<string, unknown> = {};
    if (this.#opts.mode === 'body') {
      const stored = await this.#opts.store?.get();
      if (!stored) return this.#end(null);
      body = { refreshToken: stored };
    }
    let response: Response;
    try {
      response = await this.#opts.fetch(`${this.#opts.baseUrl}/api/v1/auth/refresh`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', ...this.#opts.headers },
        body: JSON.stringify(body),
      });
    } catch {
      // offline: keep what we have; the next request tries again
      throw new ApiError({ status: 0, code: 'network_error' });
    }
    if (!response.ok) {
      const error = await apiErrorFrom(response);
      if (error.status === 401 || error.status === 403)
        return this.#end(this.#snapshot.status === 'signed-in' ? 'unauthenticated' : null);
      throw error;
    }
    await this.accept((await response.json()) as TokenResponse);
    return this.#accessToken;
  }

  #take(token: string, expiresAt: string, limited: boolean, user: User | null): void {
    this.#accessToken = token;
    this.#expiresAt = Date.parse(expiresAt);
    this.#obtainedAt = this.#opts.now();
    this.#set({ status: 'signed-in', user, limited, endedBecause: null });
  }

  async #end(reason: string | null): Promise<null> {
    this.#accessToken = null;
    this.#expiresAt = 0;
    if (this.#opts.mode === 'body') await this.#opts.store?.set(null);
    this.#set({ status: 'signed-out', user: null, limited: false, endedBecause: reason });
    return null;
  }

  #onMessage(message: SessionMessage): void {
    if (message.kind === 'signed-out') {
      void this.#end(null);
    } else if (message.accessToken && message.accessTokenExpiresAt && message.at >= this.#obtainedAt) {
      this.#accessToken = message.accessToken;
      this.#expiresAt = Date.parse(message.accessTokenExpiresAt);
      this.#obtainedAt = message.at;
      // the user object comes with the next /me; a tab that was signed out becomes signed in
      this.#set({ ...this.#snapshot, status: 'signed-in', limited: message.limited ?? false, endedBecause: null });
    }
  }

  #set(next: SessionSnapshot): void {
    this.#snapshot = next;
    for (const l of this.#listeners) l();
  }
}
