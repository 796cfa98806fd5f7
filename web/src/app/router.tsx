import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { RegisterPage } from '../features/auth/pages/register-page.tsx';
import { SetupPage } from '../features/auth/pages/setup-page.tsx';
import { RedirectIfSignedIn, RequireAdmin, RequireDisabled, RequireFullAccess } from './guards.tsx';
import { NotFoundPage } from './not-found-page.tsx';

// Everything behind sign-in is loaded on demand, so the pages an invited person opens first stay small.
const SignedInProviders = lazy(() => import('./signed-in-providers.tsx'));
const AppLayout = lazy(() => import('./layout.tsx').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() => import('../features/health/pages/home-page.tsx'));
const KindPage = lazy(() => import('../features/health/pages/kind-page.tsx'));
const AccountPage = lazy(() => import('../features/account/pages/account-page.tsx'));
const DisabledPage = lazy(() => import('../features/account/pages/disabled-page.tsx'));
const UsersPage = lazy(() => import('../features/admin/pages/users-page.tsx'));
const InvitesPage = lazy(() => import('../features/admin/pages/invites-page.tsx'));
const AuditPage = lazy(() => import('../features/admin/pages/audit-page.tsx'));

/** The kinds' paths, as DASHBOARD_PATHS in contract/web.ts lists them for the server. */
const KINDS = ['check-ins', 'interventions', 'observations', 'lab-results', 'health-records', 'integrations'] as const;

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <RedirectIfSignedIn>
        <LoginPage />
      </RedirectIfSignedIn>
    ),
  },
  {
    path: '/register',
    element: (
      <RedirectIfSignedIn>
        <RegisterPage />
      </RedirectIfSignedIn>
    ),
  },
  {
    path: '/setup',
    element: (
      <RedirectIfSignedIn>
        <SetupPage />
      </RedirectIfSignedIn>
    ),
  },
  {
    path: '/disabled',
    element: (
      <RequireDisabled>
        <SignedInProviders>
          <DisabledPage />
        </SignedInProviders>
      </RequireDisabled>
    ),
  },
  {
    element: <RequireFullAccess />,
    children: [
      {
        element: (
          <SignedInProviders>
            <AppLayout />
          </SignedInProviders>
        ),
        children: [
          { index: true, element: <HomePage /> },
          ...KINDS.map((kind) => ({ path: `/${kind}`, element: <KindPage kind={kind} key={kind} /> })),
          { path: '/settings', element: <Navigate to="/settings/account" replace /> },
          { path: '/settings/account', element: <AccountPage /> },
          {
            element: <RequireAdmin />,
            children: [
              { path: '/settings/users', element: <UsersPage /> },
              { path: '/settings/invites', element: <InvitesPage /> },
              { path: '/settings/audit', element: <AuditPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
