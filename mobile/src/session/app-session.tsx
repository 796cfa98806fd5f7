import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { createBaselineClient, type BaselineClient, type ServerInfo, type SessionSnapshot, type User } from '@client';
import { secureStorage } from '../lib/secure-storage';
import { checkServer } from '../lib/server-address';

const SERVER_KEY = 'baseline.server';
const REFRESH_KEY = 'baseline.refresh-token';

/** The server this phone talks to, and what it said about itself the last time it was asked. */
export interface Connection {
  url: string;
  info: ServerInfo | null;
}

interface AppSessionValue {
  /** undefined while the Keychain is read at start; null when no server was chosen yet */
  connection: Connection | null | undefined;
  client: BaselineClient | null;
  queryClient: QueryClient;
  /** Remembers a checked server; choosing another one forgets the session of the previous one. */
  chooseServer(url: string, info: ServerInfo): Promise<void>;
}

const AppSessionContext = createContext<AppSessionValue | null>(null);

const signedOut: SessionSnapshot = { status: 'signed-out', user: null, limited: false, endedBecause: null };
const starting: SessionSnapshot = { status: 'unknown', user: null, limited: false, endedBecause: null };

/** The refresh token lives in the Keychain; the access token only in the client's memory. */
function clientFor(url: string): BaselineClient {
  return createBaselineClient({
    baseUrl: url,
    mode: 'body',
    store: { get: () => secureStorage.get(REFRESH_KEY), set: (token) => secureStorage.set(REFRESH_KEY, token) },
  });
}

/**
 * The one owner of "which server, which session" (Bluesky's social-app keeps one session
 * store the same way). At start it reads the chosen server from the Keychain and trades the
 * stored refresh token for an access token; screens read the snapshot through hooks below.
 */
export function AppSessionProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 15_000 } } }),
  );
  const [connection, setConnection] = useState<Connection | null | undefined>(undefined);
  const [client, setClient] = useState<BaselineClient | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const url = await secureStorage.get(SERVER_KEY);
      if (cancelled) return;
      if (!url) {
        setConnection(null);
        return;
      }
      const next = clientFor(url);
      setClient(next);
      setConnection({ url, info: null });
      // what the server offers may have changed since last time (Google turned on…)
      checkServer(url).then(
        (info) => !cancelled && setConnection({ url, info }),
        () => {},
      );
      try {
        await next.session.restore();
      } catch {
        // offline at start: the person sees the sign-in screen and can retry
        await next.session.forget(null);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const chooseServer = useCallback(
    async (url: string, info: ServerInfo) => {
      if (client && connection?.url !== url) await client.session.forget(null);
      await secureStorage.set(SERVER_KEY, url);
      queryClient.clear();
      const next = connection?.url === url && client ? client : clientFor(url);
      if (next !== client) await next.session.forget(null);
      setClient(next);
      setConnection({ url, info });
    },
    [client, connection?.url, queryClient],
  );

  const value = useMemo(
    () => ({ connection, client, queryClient, chooseServer }),
    [connection, client, queryClient, chooseServer],
  );
  return (
    <AppSessionContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AppSessionContext.Provider>
  );
}

export function useAppSession(): AppSessionValue {
  const value = useContext(AppSessionContext);
  if (!value) throw new Error('useAppSession outside AppSessionProvider');
  return value;
}

const noSubscribe = () => () => {};

/** The session's snapshot: signed in or out, limited (disabled account), the user. */
export function useSessionSnapshot(): SessionSnapshot {
  const { client, connection } = useAppSession();
  const snapshot = useSyncExternalStore(
    client?.session.subscribe ?? noSubscribe,
    client ? client.session.getSnapshot : () => starting,
  );
  if (connection === null) return signedOut;
  return snapshot;
}

/** The typed client of the chosen server; screens behind the sign-in have one. */
export function useClient(): BaselineClient {
  const { client } = useAppSession();
  if (!client) throw new Error('no server chosen');
  return client;
}

/** The signed-in person, as of the last sign-in, refresh or /me. */
export function useCurrentUser(): User {
  const snapshot = useSessionSnapshot();
  if (!snapshot.user) throw new Error('not signed in');
  return snapshot.user;
}
