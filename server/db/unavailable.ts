/**
 * PostgreSQL SQLSTATEs that say the connection or the server is gone or not accepting work for
 * now, not that the query was wrong: the administrator ended the backend (`pg_terminate_backend`,
 * a fast shutdown), the server crashed or is starting, the connection broke, or every slot is taken.
 * Class 08 is listed code by code: 08P01 (protocol violation) is a bug, not an outage.
 */
const PG_UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or the server shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '08007', // transaction_resolution_unknown
]);

/** Socket errors (Node's `code`) of a database that cannot be reached or dropped the connection. */
const SOCKET_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * node-postgres raises these as plain errors without a code, word for word (pg/lib/client.js and
 * pg-pool): the socket closed under a query, a client whose connection failed was used again, a
 * connection or a free pool slot did not come within `connectionTimeoutMillis`.
 */
const PG_UNAVAILABLE_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
]);

function isUnavailableItself(err: Error & { code?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code !== undefined) {
    if (PG_UNAVAILABLE_SQLSTATES.has(code) || SOCKET_UNAVAILABLE_CODES.has(code)) return true;
    // better-sqlite3: another process held the write lock for longer than busy_timeout
    // (SQLITE_BUSY and its extended codes). SQLITE_LOCKED is a conflict inside one connection: a bug.
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return true;
  }
  return PG_UNAVAILABLE_MESSAGES.has(err.message);
}

/**
 * Whether an error says the database is unavailable for a moment — a PostgreSQL connection
 * terminated, refused, reset or timed out, or SQLite's write lock held by another process past
 * the busy timeout — rather than that the request or the code is wrong. Such a request may be
 * sent again once the database is back, so it is answered 503 `service_unavailable`, not 500.
 * Precise on purpose: constraint violations, syntax errors, SQLITE_LOCKED, anything unknown stay
 * bugs (500, logged), and only the error itself is judged, never its `cause` (a failed `fetch` to
 * a sign-in provider carries ECONNREFUSED there). An AggregateError counts when each of its errors
 * does: pg connecting to a host name whose every address refused.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (isUnavailableItself(err)) return true;
  return err instanceof AggregateError && err.errors.length > 0 && err.errors.every(isDatabaseUnavailable);
}
