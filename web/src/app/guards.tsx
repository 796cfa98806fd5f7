import { Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@client';
import { api, session } from '../lib/client.ts';
import { useSession } from '../lib/session.ts';
import { PageLoader } from '../components/page-loader.tsx';
import { NotAllowedPage } from './not-allowed-page.tsx';
import { safeReturnTo } from '@contract/web.ts';

/**
 * Keeps the shown user current: after a refresh from another tab the session has a token but
 * no user yet, and after an admin changes role or status the next /me says so.
 */
function useFreshUser() {
  const snap = useSession();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    enabled: snap.status === 'signed-in',
    refetchInterval: snap.limited ? 30_000 : false,
  });
  useEffect(() => {
    if (me.data) session.setUser(me.data);
  }, [me.data]);
  return { snap, pending: snap.status === 'unknown' || (snap.status === 'signed-in' && !snap.user && me.isPending) };
}

/** Full access only: signed out goes to Sign in (and comes back), a disabled account to its one page. */
export function RequireFullAccess() {
  const { snap, pending } = useFreshUser();
  const location = useLocation();
  if (pending) return <PageLoader />;
  if (snap.status !== 'signed-in' || !snap.user)
    return <Navigate to={`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (snap.limited || snap.user.status === 'disabled') return <Navigate to="/disabled" replace />;
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

/** The disabled account's page: only for a signed-in account that is disabled. */
export function RequireDisabled({ children }: { children: ReactNode }) {
  const { snap, pending } = useFreshUser();
  if (pending) return <PageLoader />;
  if (snap.status !== 'signed-in' || !snap.user) return <Navigate to="/login" replace />;
  if (snap.user.status === 'active' && !snap.limited) return <Navigate to="/" replace />;
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

/** User Management: admins only; anyone else who types the URL is told so, and the API refuses anyway. */
export function RequireAdmin() {
  const snap = useSession();
  if (snap.user?.role !== 'admin') return <NotAllowedPage />;
  return <Outlet />;
}

/** Sign-in, registration and setup: a signed-in person goes straight to the dashboard. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const snap = useSession();
  const params = new URLSearchParams(useLocation().search);
  if (snap.status === 'unknown') return <PageLoader />;
  if (snap.status === 'signed-in') return <Navigate to={safeReturnTo(params.get('returnTo'))} replace />;
  return <>{children}</>;
}
