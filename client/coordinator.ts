/**
 * How token refreshes are coordinated between the client's instances. In a browser every
 * tab shares one refresh cookie: refreshing it from two tabs at once would spend it twice.
 * The web coordinator (coordinator.web.ts) serialises refreshes across tabs with a Web Lock
 * and shares the new access token over a BroadcastChannel; a phone app has one instance.
 */
export interface SessionMessage {
  kind: 'tokens' | 'signed-out';
  accessToken?: string;
  accessTokenExpiresAt?: string;
  limited?: boolean;
  /** the time the sender obtained the tokens, to discard stale news */
  at: number;
}

export interface RefreshCoordinator {
  /** Runs `fn` while no other instance is refreshing. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  broadcast(message: SessionMessage): void;
  subscribe(listener: (message: SessionMessage) => void): () => void;
}

/** One instance only (the iOS app, tests): nothing to coordinate with. */
export const soloCoordinator: RefreshCoordinator = {
  exclusive: (fn) => fn(),
  broadcast: () => {},
  subscribe: () => () => {},
};
