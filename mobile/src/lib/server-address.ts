import { ApiError, type ServerInfo } from '@client';

/**
 * What a person types as their server's address, made into a base URL: `baseline.example.org`
 * becomes `https://baseline.example.org`; a LAN address or `localhost` without a scheme gets
 * `http://` (a home server often has no certificate). A path or trailing slash is dropped.
 */
export function normaliseServerAddress(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  const local = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?)/i;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${local.test(text) ? 'http' : 'https'}://${text}`;
  // by hand rather than with URL: React Native's URL does not implement `origin` or `hostname`
  const match = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:\d{1,5})?(?:[/?#].*)?$/i.exec(withScheme);
  if (!match) return null;
  const [, scheme, host, port = ''] = match;
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port}`;
}

/** Why a server address cannot be used, in words. */
export class ServerCheckError extends Error {}

/**
 * Asks the server who it is (`GET /api/v1/server`): reachable, and a Baseline server, with
 * which sign-in methods and whether invites are required.
 */
export async function checkServer(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<ServerInfo> {
  let response: Response;
  try {
    response = await fetchImpl(`${baseUrl}/api/v1/server`, { headers: { accept: 'application/json' } });
  } catch {
    throw new ServerCheckError(`No server answered at ${baseUrl}. Check the address and your connection.`);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON: not Baseline */
  }
  const info = body as Partial<ServerInfo> | null;
  if (!response.ok || !info || typeof info.requireInvite !== 'boolean' || info.providers?.password !== true)
    throw new ServerCheckError(`${baseUrl} answered, but it is not a Baseline server.`);
  return info as ServerInfo;
}

export { ApiError };
