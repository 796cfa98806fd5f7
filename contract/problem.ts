import { Type, type Static } from '@sinclair/typebox';

/**
 * The body of every error (RFC 9457 problem details, `application/problem+json`), as API.md
 * describes it. Clients branch on `code`; `errors` names the fields to fix when validation fails.
 * `code` is a plain string rather than an enum, so a client generated today still reads a code
 * added tomorrow. Open to extra members, as RFC 9457 allows.
 */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'always "about:blank": the status and code say what happened' }),
    title: Type.String({ description: 'short, the same for every problem of this code' }),
    status: Type.Integer({ description: 'the HTTP status, repeated' }),
    code: Type.String({ description: 'stable, machine-readable: what clients branch on (API.md lists them)' }),
    detail: Type.Optional(Type.String({ description: 'this occurrence, in words a person can act on' })),
    instance: Type.Optional(
      Type.String({
        description:
          'this occurrence: `urn:request:<request id>`, the id of the X-Request-Id header and the server logs',
      }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'JSON Pointer into the body, or `query:/x` / `params:/x`' }),
          message: Type.String(),
        }),
        { description: 'with validation_failed: each field to fix' },
      ),
    ),
  },
  { additionalProperties: true },
);

/** A problem document as a client receives it. */
export type Problem = Static<typeof Problem>;
