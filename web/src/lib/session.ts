import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { unwrap, type SessionSnapshot, type User } from '@client';
import { api, session } from './client.ts';

/** The session as React sees it; re-renders on sign-in, refresh from another tab, sign-out. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** The signed-in user; only call below a route guard that ensures someone is signed in. */
export function useCurrentUser(): User {
  const snap = useSession();
  if (!snap.user) throw new Error('useCurrentUser needs a signed-in user');
  return snap.user;
}

/** GET /server: which sign-in methods are on, whether invites are required, whether setup is open. */
export function useServerInfo() {
  return useQuery({ queryKey: ['server'], queryFn: () => unwrap(api.GET('/api/v1/server')), staleTime: 60_000 });
}
