import { createBaselineClient } from '@client';
import { webCoordinator } from '@client/coordinator.web.ts';
import { WEB_CLIENT_HEADER, WEB_CLIENT_HEADER_VALUE } from '@contract/web.ts';

/**
 * The dashboard's one client: same origin, refresh token in the httpOnly cookie, refreshes
 * coordinated across tabs. Features call `api` through their own `api.ts` query hooks.
 */
export const { api, session } = createBaselineClient({
  baseUrl: '',
  mode: 'cookie',
  coordinator: webCoordinator(),
  headers: { [WEB_CLIENT_HEADER]: WEB_CLIENT_HEADER_VALUE },
});
