import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { errors } from '../errors.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

/** Most NUL findings one problem lists: enough to show what is wrong, bounded however large the body. */
const MAX_NUL_PATHS = 20;

/**
 * JSON Pointers (after `prefix`) of every string, or object key, holding a NUL, walked with a
 * queue rather than recursion (bodies are at most MAX_JSON_DEPTH deep anyway).
 */
export function nulPaths(value: unknown, prefix: string): string[] {
  const found: string[] = [];
  const queue: [unknown, string][] = [[value, '']];
  for (let i = 0; i < queue.length && found.length < MAX_NUL_PATHS; i++) {
    const [node, path] = queue[i];
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push(`${prefix}${path || '/'}`);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key.includes('\u0000')) found.push(`${prefix}${at}`);
        queue.push([child, at]);
      }
    }
  }
  return found.slice(0, MAX_NUL_PATHS);
}

/**
 * Two validators: bodies are taken exactly as sent (no type coercion, unknown fields
 * rejected by their schemas, never silently dropped); query strings and path params
 * arrive as text and are coerced to the declared types.
 */
export function registerValidation(app: FastifyInstance): void {
  const bodyAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const textAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  // One synchronous preValidation hook per route (global ones ran for every request, built
  // request.routeOptions to find the schema, and cost a promise each). No body at all is read as an
  // empty object: optional-only bodies (logout, refresh by cookie) then validate, and required
  // fields are reported by name rather than "body must be object". NUL is refused in every string
  // of the parts the route declares, before its schema is checked.
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    const params = Boolean(schema?.params);
    const querystring = Boolean(schema?.querystring);
    const body = Boolean(schema?.body);
    const prepare: preValidationHookHandler = (request, _reply, done) => {
      if (request.body === undefined || request.body === null) request.body = {};
      const found = [
        ...(params ? nulPaths(request.params, 'params:') : []),
        ...(querystring ? nulPaths(request.query, 'querystring:') : []),
        ...(body ? nulPaths(request.body, '') : []),
      ];
      if (found.length === 0) return done();
      done(
        errors.validation(
          'The request holds a NUL character (U+0000), which no field accepts.',
          found.map((path) => ({ path, message: 'must not contain a NUL character' })),
        ),
      );
    };
    route.preValidation = [prepare, ...(route.preValidation === undefined ? [] : [route.preValidation].flat())];
  });
}
