import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { router } from './app/router.tsx';
import { session } from './lib/client.ts';
import { takeFragmentToken } from './features/auth/fragment-token.ts';

// A disabled account coming back from Google carries its limited token in the URL fragment;
// anyone else trades the refresh cookie (if any) for an access token.
if (!takeFragmentToken(session)) void session.restore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
