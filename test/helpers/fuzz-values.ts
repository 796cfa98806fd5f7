import fc from 'fast-check';

/** The parts of JSON Schema (as the OpenAPI document publishes TypeBox's schemas) that the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  $ref?: string;
}

/** JSON text put into a body as it is: what JSON.stringify cannot or will not write (5,000 levels, 1e400). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Serializes a generated value; RawJson goes in verbatim, own `__proto__` keys are written like any other. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Values the server has seen (ids, usernames, invite codes, the test password), refreshed while the run goes on. */
export interface KnownValues {
  strings: string[];
  /** recent values of a table's column (`id`, `code`), for the path parameter of that name under that table's path */
  columns: Record<string, string[]>;
}

const deep = (levels: number) => new RawJson('{"a":'.repeat(levels) + '{}' + '}'.repeat(levels));
const deepArray = (levels: number) => new RawJson('['.repeat(levels) + ']'.repeat(levels));

/** Strings no field should choke on: NUL, controls, lone surrogates, wildcards, injections, bidi marks, emoji. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  'x'.repeat(1000) + '\u0000',
  '',
  ' ',
  '\ud800',
  '\udfff abc',
  '\uffff\ufffe',
  '\ufeffbom',
  '\u202eevil',
  '👩‍👩‍👧‍👦'.repeat(20),
  'e\u0301'.repeat(50),
  '%',
  '_',
  '\\',
  '%_\\%',
  "' or 1=1 --",
  '"; drop table users; --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=1',
  'null',
  'undefined',
  '0',
  '-1',
  '1e400',
  'NaN',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01T00:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-01-01T00:00:00.000+14:00',
  '9999-12-31',
];

/** Long strings: at, just past and far past the usual limits (the body limit is 1 MiB). */
export const HUGE_STRINGS = [65, 255, 513, 1025, 4097, 16_385, 200_000].map((n) => 'é'.repeat(n));

/** Numbers at and beyond every edge a schema or a database column has. */
const HOSTILE_NUMBERS = [
  0,
  -0.5,
  -1,
  0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('-0'),
];

/** Objects that try the prototype, nest too deep, or are simply the wrong shape. */
const HOSTILE_STRUCTURES = [
  JSON.parse('{"__proto__": {"role": "admin", "polluted": true}}') as object,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as object,
  deep(33),
  deep(5000),
  deepArray(40),
  deepArray(100_000),
  [],
  [1, 'a', null],
  {},
  { a: { b: { c: 'd' } } },
  true,
  false,
  null,
];

/** Any hostile value: wrong type, edge number, hostile or huge string, deep or poisoned structure. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}\u0000${b}`) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRUCTURES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

const DAY = 86_400_000;

/** Times around now (invites must expire in the future), and anywhere in four centuries. */
function isoTimes(now: () => number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: -400 * DAY, max: 400 * DAY }).map((d) => new Date(now() + d).toISOString()),
    fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  );
}

/** A string of a schema with no format or special pattern, within (and sometimes exactly at) its lengths. */
function plainString(s: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, 60);
  const edges = [min, s.maxLength ?? max].map((n) => 'x'.repeat(n));
  const fits = (v: string) => v.length >= min && v.length <= (s.maxLength ?? Infinity) && !v.includes('\u0000');
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, max) }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) }) },
      { weight: 3, arbitrary: fc.nat().map((i) => known.strings[i % Math.max(1, known.strings.length)] ?? 'x') },
      { weight: 1, arbitrary: fc.constantFrom(...edges) },
    )
    .filter(fits);
}

/** Values a schema accepts, or nearly: the valid-looking half of the fuzzer. `hostility` mixes in hostile leaves. */
export function valueOf(
  schema: JsonSchema,
  ctx: { known: KnownValues; now: () => number; resolve: (s: JsonSchema) => JsonSchema },
  hostility: number,
): fc.Arbitrary<unknown> {
  const s = ctx.resolve(schema);
  const inner = (x: JsonSchema) => valueOf(x, ctx, hostility);
  const mix = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    hostility > 0
      ? fc.oneof({ weight: 12, arbitrary: valid }, { weight: hostility, arbitrary: hostileValue() })
      : valid;

  if (s.const !== undefined) return mix(fc.constant(s.const));
  if (s.enum) return mix(fc.constantFrom(...s.enum));
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map(inner));
  if (s.allOf)
    return inner({
      type: 'object',
      properties: Object.assign({}, ...s.allOf.map((p) => ctx.resolve(p).properties ?? {})),
      required: s.allOf.flatMap((p) => ctx.resolve(p).required ?? []),
      additionalProperties: false,
    });
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'date-time') return mix(isoTimes(ctx.now));
      if (s.format === 'date') return mix(isoTimes(ctx.now).map((t) => t.slice(0, 10)));
      if (s.format === 'email') return mix(fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254)));
      if (s.pattern && s.pattern !== '^[^\\u0000]*$')
        return mix(fc.oneof(fc.stringMatching(new RegExp(s.pattern)), plainString(s, ctx.known)));
      return mix(plainString(s, ctx.known));
    }
    case 'integer': {
      const min = s.minimum ?? -1_000_000;
      const max = s.maximum ?? 1_000_000;
      return mix(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, min - 1, max + 1)));
    }
    case 'number': {
      const min = s.minimum ?? -1e9;
      const max = s.maximum ?? 1e9;
      return mix(fc.oneof(fc.double({ min, max, noNaN: true }), fc.integer({ min: -1000, max: 1000 })));
    }
    case 'boolean':
      return mix(fc.boolean());
    case 'null':
      return mix(fc.constant(null));
    case 'array':
      return mix(fc.array(inner(s.items ?? {}), { maxLength: Math.min(s.maxItems ?? 4, 4) }));
    case 'object':
      return mix(objectOf(s, ctx, hostility));
    default:
      return mix(fc.jsonValue({ maxDepth: 3 }));
  }
}

/** An object of a schema: required fields present, optional ones sometimes, free-form maps as small JSON. */
function objectOf(
  s: JsonSchema,
  ctx: { known: KnownValues; now: () => number; resolve: (s: JsonSchema) => JsonSchema },
  hostility: number,
): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0)
    return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
  const model = Object.fromEntries(names.map((n) => [n, valueOf(props[n], ctx, hostility)]));
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((n) => names.includes(n)) });
}
