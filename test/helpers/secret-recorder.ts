import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { LOG_DIR, WORKER } from './log-capture.ts';

/**
 * Notes every secret the tests send or receive — passwords, access and refresh tokens, setup
 * tokens, invite codes, export and link tickets, integration tokens, provider ID tokens and
 * codes, cookies, encryption keys — into test-results/logs/secrets-<worker>.txt (one JSON
 * object a line: kind and value; or `exposed`, a value a test put in a logged URL path itself),
 * for scripts/check-log-secrets.ts to look for in the logs.
 * It is done centrally (createTestApp's inject, the worker's fetch) so that no test file has
 * to remember it. Values under 8 characters, a single lowercase word or snake_case name (an
 * error `code` such as `invalid_credentials`), or of fewer than 4 distinct characters are left
 * out: they would be found in any log by chance and prove nothing.
 */

/** Body fields whose value is a secret, in requests and responses (JSON or form-encoded). */
const SECRET_FIELDS = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'setupToken',
  'inviteCode',
  'accessToken',
  'refreshToken',
  'idToken',
  'code',
  'token',
  'ticket',
  'secret',
  'clientSecret',
  'client_secret',
  'code_verifier',
  'id_token',
  'access_token',
  'refresh_token',
]);

/** Body fields holding a URL whose query or last path segment carries a secret (invite links, tickets). */
const URL_FIELDS = new Set(['link', 'url']);

/** Query parameters that carry secrets in URLs the tests use or are sent to. */
const SECRET_PARAMS = new Set(['token', 'code', 'invite', 'ticket', 'id_token', 'access_token', 'refresh_token']);

/** Paths whose last segment is a secret: an invite code (not /admin/invites/{id}), an export download ticket. */
const SECRET_PATH = /(?<!\/admin)\/invites\/([^/]+)$|\/download\/([^/]+)$/;

const seen = new Set<string>();
let file: string | undefined;

/** Whether a value is long and varied enough that finding it in a log cannot be chance. */
export function meaningful(value: string): boolean {
  return value.length >= 8 && !/^[a-z_]+$/.test(value) && new Set(value).size >= 4;
}

/** Records one secret of a kind (once per worker). */
export function recordSecret(kind: string, value: unknown): void {
  if (typeof value !== 'string' || !meaningful(value) || seen.has(value)) return;
  seen.add(value);
  write({ kind, value });
}

/** A path segment decoded, or as it is when it is not valid percent-encoding (the fuzzer sends such). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const exposed = new Set<string>();

/**
 * Notes a value a test itself put in a URL path the server logs as is (any path but an invite
 * code's or a download ticket's, which it redacts): the fuzzer sends known values — ids, the
 * setup token — in every parameter. The check leaves such values out: logging the path a
 * client chose is not a leak.
 */
function recordExposed(value: string): void {
  if (!meaningful(value) || exposed.has(value)) return;
  exposed.add(value);
  write({ exposed: value });
}

/** Appends one line to this worker's secrets file. */
function write(entry: object): void {
  if (!file) {
    mkdirSync(LOG_DIR, { recursive: true });
    file = join(LOG_DIR, `secrets-${WORKER}.txt`);
  }
  appendFileSync(file, JSON.stringify(entry) + '\n');
}

/** The secrets in a URL: its secret query parameters and an invite code or ticket in its path. */
export function recordUrl(kind: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.test');
  } catch {
    return;
  }
  for (const [name, value] of parsed.searchParams) if (SECRET_PARAMS.has(name)) recordSecret(`${kind}?${name}`, value);
  const [, code, ticket] = SECRET_PATH.exec(parsed.pathname) ?? [];
  if (code) recordSecret('invite code in a path', safeDecode(code));
  if (ticket) recordSecret('ticket in a path', safeDecode(ticket));
  for (const segment of parsed.pathname.split('/'))
    if (segment && segment !== code && segment !== ticket) {
      recordExposed(segment);
      recordExposed(safeDecode(segment));
    }
}

/** Walks a parsed JSON body (or form fields) for secret fields, nested objects and arrays included. */
export function recordFields(value: unknown, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) recordFields(item, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') {
      if (SECRET_FIELDS.has(key)) recordSecret(key, item);
      else if (URL_FIELDS.has(key)) recordUrl(key, item);
    } else recordFields(item, depth + 1);
  }
}

/** A body as sent or received: JSON text, form-encoded text, or an object. */
export function recordBody(payload: unknown): void {
  if (payload instanceof URLSearchParams) return recordFields(Object.fromEntries(payload));
  if (Buffer.isBuffer(payload)) payload = payload.toString('utf8');
  if (typeof payload !== 'string') return recordFields(payload);
  const text = payload.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      recordFields(JSON.parse(text));
    } catch {
      /* not JSON after all: nothing to walk */
    }
  } else if (text.includes('=')) recordFields(Object.fromEntries(new URLSearchParams(text)));
}

/** Secrets in headers: Authorization credentials, cookie values sent, Set-Cookie values received, Location. */
export function recordHeaders(headers: Record<string, unknown>): void {
  for (const [rawName, raw] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    for (const value of values) {
      if (name === 'authorization') recordSecret('authorization', value.replace(/^\w+\s+/, ''));
      else if (name === 'cookie')
        for (const pair of value.split(';')) recordSecret('cookie', pair.slice(pair.indexOf('=') + 1).trim());
      else if (name === 'set-cookie') {
        const pair = value.split(';', 1)[0] ?? '';
        recordSecret('set-cookie', pair.slice(pair.indexOf('=') + 1).trim());
      } else if (name === 'location') recordUrl('location', value);
    }
  }
}

/** Plain headers of a fetch call, whatever form they were given in. */
function headersOf(init: RequestInit | undefined, input: RequestInfo | URL): Record<string, string> {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
  return Object.fromEntries(headers);
}

/**
 * Wraps this worker's global fetch (once) so that what tests send to server processes and what
 * comes back is recorded: the same fields as createTestApp's inject. Responses are read from a
 * clone, without waiting, and only when they are JSON or a form: the caller's response is untouched.
 */
export function recordFetchSecrets(): void {
  const marked = globalThis as { __baselineFetchRecorded?: boolean };
  if (marked.__baselineFetchRecorded) return;
  marked.__baselineFetchRecorded = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    recordUrl('url', input instanceof Request ? input.url : String(input));
    recordHeaders(headersOf(init, input));
    if (init?.body !== undefined && init.body !== null) recordBody(init.body);
    const res = await original(input, init);
    recordHeaders({ 'set-cookie': res.headers.getSetCookie(), location: res.headers.get('location') ?? undefined });
    const type = res.headers.get('content-type') ?? '';
    if (/json|x-www-form-urlencoded/.test(type) && !type.includes('problem')) {
      res
        .clone()
        .text()
        .then(recordBody, () => {});
    }
    return res;
  };
}

/** Secret query parameters given to inject as an object (`query: { token }`). */
function recordQuery(query: InjectOptions['query']): void {
  if (query === undefined) return;
  if (typeof query === 'string') return recordUrl('query', `?${query}`);
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value])
      if (SECRET_PARAMS.has(name)) recordSecret(`query?${name}`, v);
}

/** A response's secrets: Set-Cookie, Location, and the fields of a JSON body that is not a problem document. */
function recordResponse(res: LightMyRequestResponse): LightMyRequestResponse {
  recordHeaders(res.headers);
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json') && !type.includes('problem')) recordBody(res.body);
  return res;
}

/**
 * Wraps app.inject so that every request a test makes, and its answer, has its secrets
 * recorded. The promise form is what the tests use; the callback and chain forms are passed
 * through with their request recorded only.
 */
export function recordInjectSecrets(app: FastifyInstance): void {
  const inject = app.inject.bind(app) as (...args: unknown[]) => unknown;
  const recorded = (...args: unknown[]): unknown => {
    const opts = args[0] as InjectOptions | string | undefined;
    if (typeof opts === 'string') recordUrl('url', opts);
    else if (opts) {
      if (typeof opts.url === 'string') recordUrl('url', opts.url);
      recordQuery(opts.query);
      recordHeaders(opts.headers ?? {});
      recordBody(opts.payload ?? opts.body);
    }
    const result = inject(...args);
    // the promise form answers a thenable (light-my-request's Chain once the app is ready)
    if (args.length !== 1 || typeof (result as PromiseLike<unknown>)?.then !== 'function') return result;
    return Promise.resolve(result as PromiseLike<LightMyRequestResponse>).then(recordResponse);
  };
  app.inject = recorded as FastifyInstance['inject'];
}
