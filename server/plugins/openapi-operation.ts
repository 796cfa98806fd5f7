import { STATUS_CODES } from 'node:http';
import type { FastifySchema, RouteOptions } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors.ts';
import { decide, requiredAction, type Action } from '../policies/access.policy.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Codes this route answers with beyond those its declaration already implies (validation,
     * sign-in, access, `{id}` lookups, rate limits): listed once here, shown in the OpenAPI document.
     */
    problems?: readonly ErrorCode[];
  }
}

/** Where the OpenAPI document keeps the problem-document schema every error response refers to. */
export const PROBLEM_REF = '#/components/schemas/Problem';

/** The API's prefix, left out of operation ids: every operation has it. */
const API_PREFIX = '/api/v1';

/** Every kind of actor the policy distinguishes, to ask it which refusals an action can meet. */
const ACTOR_KINDS = [
  { role: 'user', status: 'active' },
  { role: 'user', status: 'disabled' },
  { role: 'admin', status: 'active' },
  { role: 'admin', status: 'disabled' },
] as const;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A stable camelCase id from method and path (`GET /api/v1/admin/users/:id` → `getAdminUsersById`),
 * so a generated client's method names follow the routes without anyone keeping a list.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url.replace(API_PREFIX, '').split('/').filter(Boolean);
  const words = segments.map((s) =>
    s.startsWith(':') ? `By${capitalize(s.slice(1))}` : s.split('-').map(capitalize).join(''),
  );
  return method.toLowerCase() + words.join('');
}

/**
 * The security requirement, read from the auth plugin's own config: a bearer token for routes
 * with an action, bearer-or-nothing where authentication is optional, explicitly none for public ones.
 */
export function securityOf(config: RouteOptions['config']): NonNullable<FastifySchema['security']> {
  if (!config?.action || !requiredAction(config.action)) return [];
  return config.authOptional ? [{ bearer: [] }, {}] : [{ bearer: [] }];
}

/** The refusals the access policy can give for an action, asked of the policy itself. */
function refusalsOf(action: Action): ErrorCode[] {
  return ACTOR_KINDS.map((actor) => decide(actor, action)).filter(
    (d): d is Exclude<typeof d, 'allow'> => d !== 'allow',
  );
}

function hasIdParam(params: unknown): boolean {
  const properties = (params as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && 'id' in properties;
}

/** Every code a route can answer with: implied by its schema and config, plus those it lists. */
export function problemCodesOf(route: Pick<RouteOptions, 'schema' | 'config'>): ErrorCode[] {
  const { schema, config } = route;
  const codes: ErrorCode[] = [];
  if (schema?.body || schema?.querystring || schema?.params) codes.push('validation_failed');
  const action = config?.action ? requiredAction(config.action) : null;
  if (action) codes.push('unauthenticated', ...refusalsOf(action));
  if (hasIdParam(schema?.params)) codes.push('not_found');
  if (config?.rateLimit) codes.push('rate_limited');
  codes.push(...(config?.problems ?? []));
  return [...new Set(codes)];
}

/** An OpenAPI response object: a problem document, the codes it may carry named in its description. */
export interface ProblemResponse {
  description: string;
  /** header name → its schema; swagger moves the description up beside it */
  headers?: Record<string, { type: 'integer'; description: string }>;
  content: { 'application/problem+json': { schema: { $ref: string } } };
}

/** One response per status, each listing its codes, in the order of the catalogue. */
export function problemResponsesOf(codes: readonly ErrorCode[]): Record<string, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
    if (!codes.includes(code)) continue;
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ProblemResponse> = {};
  for (const [status, list] of byStatus) {
    responses[String(status)] = {
      description: `${STATUS_CODES[status] ?? 'Error'}: ${list.map((c) => `\`${c}\``).join(', ')}`,
      ...(status === 429
        ? { headers: { 'retry-after': { type: 'integer', description: 'seconds to wait before trying again' } } }
        : {}),
      content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
    };
  }
  return responses;
}

/** Any status a route does not list (500 internal_error, 503 not_ready, …) still answers a problem document. */
export const DEFAULT_PROBLEM_RESPONSE: ProblemResponse = {
  description: 'Any other failure, e.g. 500 `internal_error`',
  content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
};
