import { errors } from '../errors.ts';

/** Keyset position: the sort key's value and the id of the last row seen. */
export interface Position {
  key: string;
  id: string;
}

/**
 * Opaque list cursors: the keyset position (sort key and id of the last item) as base64url
 * JSON. Clients must not build them; a cursor that does not decode is a validation error.
 */
function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.key, p.id]), 'utf8').toString('base64url');
}

/** A value this server could have put in a cursor: a string without NUL, which PostgreSQL text cannot hold. */
function isPart(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\u0000');
}

/**
 * Reads a cursor back, refusing anything this server did not make with 400 validation_failed —
 * a NUL inside the decoded key or id too, which would otherwise reach the query as a 500 on PostgreSQL.
 */
function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && isPart(value[0]) && isPart(value[1]))
      return { key: value[0], id: value[1] };
  } catch {
    // fall through to the validation error
  }
  throw errors.validation('The cursor is not valid; pass back the nextCursor of a previous page.', [
    { path: 'querystring:/cursor', message: 'is not a valid cursor' },
  ]);
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * One page of a keyset-paginated list: asks for one row more than the page to learn whether
 * another page follows, and makes its cursor from the last row shown (its sort key and id).
 */
export async function keysetPage<Row extends { id: string }>(
  query: { cursor?: string; limit?: number },
  fetch: (after: Position | undefined, limit: number) => Promise<Row[]>,
  sortKey: (row: Row) => string,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await fetch(query.cursor ? decodeCursor(query.cursor) : undefined, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ key: sortKey(last), id: last.id }) : null,
  };
}
