import type { RefreshCoordinator, SessionMessage } from './coordinator.ts';

/**
 * Browser tabs of one origin: `navigator.locks` makes refreshes take turns across tabs,
 * BroadcastChannel hands the winner's access token to the others, so the refresh cookie is
 * spent once. Without these APIs (very old browsers) the server's reuse grace window keeps
 * two racing tabs signed in anyway.
 */
export function webCoordinator(name = 'baseline-session'): RefreshCoordinator {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return {
    exclusive: <T>(fn: () => Promise<T>) => (locks ? (locks.request(`${name}-refresh`, fn) as Promise<T>) : fn()),
    broadcast: (message) => channel?.postMessage(message),
    subscribe: (listener) => {
      if (!channel) return () => {};
      const handler = (event: MessageEvent<SessionMessage>) => listener(event.data);
      channel.addEventListener('message', handler);
      return () => channel.removeEventListener('message', handler);
    },
  };
}
