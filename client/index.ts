import createClient, { type Client } from 'openapi-fetch';
import { ApiError, apiErrorFrom } from './errors.ts';
import type { paths } from './schema.d.ts';
import { Session, type SessionOptions } from './session.ts';

export * from './errors.ts';
export * from './types.ts';
export * from './words.ts';
export { deviceName } from './device-name.ts';
export { Session, type SessionOptions, type SessionSnapshot, type RefreshTokenStore } from './session.ts';
export { soloCoordinator, type RefreshCoordinator } from './coordinator.ts';

export type Api = Client<paths>;

export interface BaselineClient {
  api: Api;
  session: Session;
}

/** Paths whose 401 means "wrong credentials", not "token expired": never retried. */
const NO_RETRY = /\/api\/v1\/(auth\/|setup$)/;

/**
 * The one typed client of the dashboard and the app: openapi-fetch over the server's own
 * OpenAPI types, with the session's access token on every request, one refresh-and-retry when
 * the server refuses an expired token, and news of a disabled account handed to the session.
 */
export function createBaselineClient(options: SessionOptions): BaselineClient {
  const session = new Session(options);
  const baseFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));

  const authedFetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const token = await session.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    let response = await baseFetch(request);
    if (response.status === 401 && token && !NO_RETRY.test(new URL(request.url).pathname)) {
      const fresh = await session.afterRejected(token);
      if (fresh) {
        retry.headers.set('authorization', `Bearer ${fresh}`);
        response = await baseFetch(retry);
      }
    }
    if (response.status === 403 && token) {
      const error = await apiErrorFrom(response);
      if (error.code === 'account_disabled') session.markDisabled();
    }
    return response;
  };

  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: authedFetch, credentials: 'include' });
  return { api, session };
}

/**
 * The data of an openapi-fetch result, or its problem as an ApiError: screens and query hooks
 * use this so every failure arrives as one typed error with plain words.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ status: 0, code: 'network_error' });
  }
  if (result.error !== undefined || !result.response.ok) throw await apiErrorFrom(result.response, result.error);
  return result.data as T;
}
