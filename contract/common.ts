import { Type, type StringOptions, type TSchema } from '@sinclair/typebox';

/** Shared pieces of the API.md contract, used by the server's route schemas and the web client. */
export const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601 UTC time' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/**
 * No NUL (U+0000) anywhere in the string. PostgreSQL text cannot store it, so a NUL that reached
 * a query was a 500 there and a silently different value on SQLite: every string the API accepts
 * refuses it, and the OpenAPI document shows the rule as this pattern.
 */
export const NO_NUL = '^[^\\u0000]*$';

/** A string the API accepts: never a NUL character (NO_NUL), within the given limits. */
export const Str = (options: StringOptions = {}) => Type.String({ pattern: NO_NUL, ...options });

export const Id = Str({ minLength: 1, maxLength: 64 });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Username = Type.String({
  pattern: '^[A-Za-z0-9._-]{3,32}$',
  description: '3–32 letters, digits, ".", "_" or "-"; compared case-insensitively',
});
export const Password = Str({ minLength: 8, maxLength: 1024 });
export const Email = Str({ format: 'email', maxLength: 254 });

/** Query parameters of every list: an opaque cursor and a page size of 1–200. */
export const ListQuery = {
  cursor: Type.Optional(Str({ minLength: 1, maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
