import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { errors } from '../errors.ts';

/** Largest JSON body, as Fastify's own bodyLimit in app.ts. */
const BODY_LIMIT = 1024 * 1024;

/**
 * Deepest nesting a request body may have (objects and arrays; the body itself is level 1). No
 * request of the contract needs more than a few levels, and a health record's `data` gets the
 * rest; 5,000 levels used to reach a recursive JSON.stringify and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How deep the JSON text nests, counted on the text itself in one loop (no recursion, so no stack
 * to blow), stopping as soon as it passes `limit`. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** JSON Pointer of the first `__proto__` or `constructor.prototype` key, breadth first and without recursion. */
function forbiddenKeyPath(value: unknown): string {
  const queue: [unknown, string][] = [[value, '']];
  for (let i = 0; i < queue.length; i++) {
    const [node, path] = queue[i];
    if (node === null || typeof node !== 'object') continue;
    if (Object.hasOwn(node, '__proto__')) return `${path}/__proto__`;
    const ctor = (node as Record<string, unknown>).constructor;
    if (
      Object.hasOwn(node, 'constructor') &&
      ctor !== null &&
      typeof ctor === 'object' &&
      Object.hasOwn(ctor, 'prototype')
    )
      return `${path}/constructor/prototype`;
    for (const [key, child] of Object.entries(node))
      queue.push([child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
  return '/';
}

/**
 * JSON Pointer of the first number that JSON.parse turned into ±Infinity (`1e400` overflows a
 * double), breadth first and without recursion; null when every number is finite. Such a value
 * passes a `number` schema, cannot be answered back as JSON, and must never be stored.
 */
function nonFiniteNumberPath(value: unknown): string | null {
  const queue: [unknown, string][] = [[value, '']];
  for (let i = 0; i < queue.length; i++) {
    const [node, path] = queue[i];
    if (typeof node === 'number' && !Number.isFinite(node)) return path || '/';
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node))
      queue.push([child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
  return null;
}

/**
 * The one JSON body parser, replacing Fastify's (app.ts registers it after the validation plugin):
 * - an empty body with a JSON content type (common from mobile HTTP clients on POST) means "no body";
 * - nesting deeper than MAX_JSON_DEPTH is refused before parsing, so no deep value reaches validation or a handler;
 * - parsed by secure-json-parse, which Fastify uses by default and JSON.parse alone is not: a
 *   `__proto__` or `constructor.prototype` key (prototype poisoning once merged into an object) is refused;
 * - malformed JSON is refused, and so is a number too large for a double (parsed as ±Infinity).
 * Each refusal is 400 validation_failed, answered by the errors plugin.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
      return done(
        errors.validation(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, [
          { path: '/', message: `is nested more than ${MAX_JSON_DEPTH} levels deep` },
        ]),
        undefined,
      );
    let value: unknown;
    try {
      // safe: null instead of a value when a forbidden key is found; malformed JSON still throws
      value = secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error', safe: true });
    } catch {
      return done(errors.validation('The request body is not valid JSON.'), undefined);
    }
    if (value === null && text !== 'null')
      return done(
        errors.validation('The request body holds a key that could change object prototypes.', [
          { path: forbiddenKeyPath(JSON.parse(text)), message: 'is not an allowed key' },
        ]),
        undefined,
      );
    const overflow = nonFiniteNumberPath(value);
    if (overflow !== null)
      return done(
        errors.validation('The request body holds a number too large to store.', [
          { path: overflow, message: 'is a number too large to store (it overflows a double)' },
        ]),
        undefined,
      );
    done(null, value);
  });
}
