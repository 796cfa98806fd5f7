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
export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.key, p.id]), 'utf8').toString('base64url');
}

/** Reads a cursor back, refusing anything this server did not make with 400 validation_failed. */
export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { key: value[0], id: value[1] };
  } catch {
    // fall through to the validation error
  }
  throw errors.validation('The cursor is not valid; pass back the nextCursor of a previous page.', [{ path: 'querystring:/cursor', message: 'is not a valid cursor' }]);
}
