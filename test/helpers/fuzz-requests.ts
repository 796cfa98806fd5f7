import fc from 'fast-check';
import {
  hostileValue,
  HOSTILE_STRINGS,
  RawJson,
  toJson,
  valueOf,
  type JsonSchema,
  type KnownValues,
} from './fuzz-values.ts';

/** Who sends a request: one of the fuzzer's principals, nobody, or a token no server issued. */
export type Caller = 'anonymous' | 'user' | 'disabled' | 'admin' | 'forged';

/** One generated request, before the caller's current token is put in. */
export interface FuzzRequest {
  operation: string;
  method: string;
  url: string;
  caller: Caller;
  headers: Record<string, string>;
  payload?: string;
}

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  id: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
/** The parts of the OpenAPI document the fuzzer reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation the server publishes, read from its own OpenAPI document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      ops.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  return ops;
}

/** Resolves `#/components/schemas/X` references of the document. */
export function resolverOf(doc: OpenApiDocument): (s: JsonSchema) => JsonSchema {
  return function resolve(s) {
    if (!s.$ref) return s;
    const name = s.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components?.schemas?.[name] ?? {});
  };
}

/** Percent-encodes a value for a URL; a lone surrogate cannot be, so it goes as the raw bytes of one. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** A value as a path or query string would carry it. */
function asText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).slice(0, 5000);
  return String(value);
}

/**
 * Longest generated query value: Node's HTTP parser answers 431 to a head over 16 KiB before the
 * server sees it, so longer ones test nothing a real client could send (bodies get the huge values).
 */
const MAX_URL_VALUE = 8000;

/** Path segments no router or schema should mistake for something else. */
const HOSTILE_SEGMENTS = ['%', '%zz', '%E0%A4%A', '..', '.', '%2F', '%2e%2e%2f', '%00', 'a%00b', '%ED%A0%80', '%C0%AF'];

/** Every way a request is built: a known or generated value for each part, now and then a hostile one. */
export function requestArbitrary(
  ops: Operation[],
  ctx: { known: KnownValues; now: () => number; resolve: (s: JsonSchema) => JsonSchema },
): fc.Arbitrary<FuzzRequest> {
  const known = fc.nat().map((i) => ctx.known.strings[i % Math.max(1, ctx.known.strings.length)] ?? 'x');
  // `/admin/users/{id}` takes users.id, `/invites/{code}` invites.code, `/check-ins/{id}` check_ins.id
  const ofColumn = (path: string, name: string) => {
    const table = path.split(`/{${name}}`)[0].split('/').pop()?.replace(/-/g, '_');
    return fc.nat().map((i) => {
      const values = ctx.known.columns[`${table}.${name}`] ?? ctx.known.strings;
      return values[i % Math.max(1, values.length)] ?? 'x';
    });
  };
  const pathValue = (path: string, name: string, schema: JsonSchema) =>
    fc.oneof(
      { weight: 6, arbitrary: ofColumn(path, name).map(encode) },
      { weight: 2, arbitrary: known.map(encode) },
      { weight: 4, arbitrary: valueOf(schema, ctx, 0).map((v) => encode(asText(v))) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(65), 'x'.repeat(101), 'x'.repeat(5000)) },
    );
  const queryValue = (schema: JsonSchema) =>
    fc.oneof(
      { weight: 6, arbitrary: valueOf(schema, ctx, 0).map(asText) },
      { weight: 1, arbitrary: known },
      { weight: 2, arbitrary: hostileValue().map((v) => asText(v).slice(0, MAX_URL_VALUE)) },
    );
  const callers = fc.constantFrom<Caller>('anonymous', 'user', 'disabled', 'admin', 'admin', 'user', 'forged');
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/JSON',
        'multipart/form-data; boundary=x',
        '',
      ),
    },
  );
  const extraHeaders = fc.oneof(
    { weight: 8, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { 'x-baseline-client': 'web', origin: 'http://baseline.test', cookie: 'baseline_refresh=forged-token' },
        { cookie: 'baseline_refresh=%00; other=\u00e9' },
        { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' },
        { 'user-agent': 'ua'.repeat(3000) },
      ),
    },
  );

  // built once per operation (building arbitraries per request cost more than sending it)
  const perOperation = ops.map((op) => {
    const path = fc.tuple(...op.pathParams.map((p) => pathValue(op.path, p.name, p.schema))).map((values) => {
      let url = op.path;
      op.pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i])));
      return url;
    });
    const query = fc
      .tuple(
        fc.tuple(...op.queryParams.map((p) => fc.option(queryValue(p.schema), { freq: p.required ? 8 : 2 }))),
        fc.option(fc.tuple(fc.constantFrom('extra', 'limit', 'cursor', '__proto__', 'q[]'), queryValue({})), {
          freq: 6,
        }),
      )
      .map(([values, extra]) => {
        const pairs = op.queryParams.flatMap((p, i) => (values[i] === null ? [] : [[p.name, values[i]]]));
        if (extra) pairs.push(extra);
        return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
      });
    return fc
      .record({
        path,
        query,
        caller: callers,
        body: bodyArbitrary(op, ctx),
        contentType,
        extraHeaders,
      })
      .map(({ path: p, query: q, caller, body, contentType: type, extraHeaders: extra }) => ({
        operation: `${op.method} ${op.path}`,
        method: op.method,
        url: q ? `${p}?${q}` : p,
        caller,
        headers: body === undefined ? { ...extra } : { ...extra, 'content-type': type },
        ...(body === undefined ? {} : { payload: body }),
      }));
  });
  return fc.oneof(...perOperation);
}

/** Raw bodies that are not what any schema describes. */
const RAW_BODIES = [
  '',
  '   ',
  'null',
  '[]',
  '"text"',
  '1',
  '{',
  '{"a":}',
  '{"a":1,"a":2}',
  '\u0000',
  '{"__proto__":{"role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
  '[' + '{},'.repeat(50_000) + '{}]',
  '{"x":"' + 'y'.repeat(1_100_000) + '"}',
];

/** The body of a request (JSON text), or none: valid, valid with hostile leaves, missing or extra fields, or raw junk. */
function bodyArbitrary(
  op: Operation,
  ctx: { known: KnownValues; now: () => number; resolve: (s: JsonSchema) => JsonSchema },
): fc.Arbitrary<string | undefined> {
  const junk = fc.constantFrom(...RAW_BODIES);
  if (!op.body) return fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk });
  const schema = ctx.resolve(op.body);
  const required = schema.required ?? [];
  const valid = valueOf(schema, ctx, 0);
  const fields = Object.keys(schema.properties ?? {});
  return fc.oneof(
    { weight: 5, arbitrary: valid.map(toJson) },
    // one field hostile, the rest valid: what gets a hostile value past validation to the database
    {
      weight: 5,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...(fields.length ? fields : ['none'])), hostileValue())
        .map(([v, key, x]) => toJson({ ...(v as Record<string, unknown>), [key]: x })),
    },
    { weight: 2, arbitrary: valueOf(schema, ctx, 1).map(toJson) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...(required.length ? required : ['none']))).map(([v, drop]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[drop];
        return toJson(copy);
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('extra', 'isAdmin', 'role', 'id', 'userId'), hostileValue())
        .map(([v, key, x]) => toJson({ ...(v as Record<string, unknown>), [key]: x })),
    },
    { weight: 1, arbitrary: hostileValue().map(toJson) },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}
