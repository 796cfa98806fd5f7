/**
 * One JSON call over real HTTP to a server process (server-process.ts): the status and the parsed
 * body (null when empty). For tests that talk to a listening server rather than app.inject.
 */
export async function callJson(
  url: string,
  method: string,
  path: string,
  token: string | null,
  payload?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}
