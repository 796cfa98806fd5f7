/**
 * Table types for Kysely. Times are ISO-8601 UTC text in both dialects so that
 * SQLite and PostgreSQL compare and sort them the same way; ids are opaque text.
 */
export interface UsersTable {
  id: string;
  username: string;
  /** lower-cased username: the unique key, since names compare case-insensitively */
  username_key: string;
  email: string | null;
  email_key: string | null;
  password_hash: string | null;
  role: 'admin' | 'user';
  status: 'active' | 'disabled';
  invite_id: string | null;
  invited_by_id: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface IdentitiesTable {
  id: string;
  user_id: string;
  provider: 'google' | 'apple';
  subject: string;
  email: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  user_agent: string | null;
  created_at: string;
  /** the sign-in that began the session: its absolute end is this + REFRESH_TOKEN_TTL, however often it is refreshed */
  signed_in_at: string;
  last_used_at: string;
  /** the earlier of the absolute end and the idle end (last refresh + REFRESH_IDLE_TTL); checked on every request */
  expires_at: string;
  ended_at: string | null;
  /** how the session began; null for sessions older than migration 006 */
  sign_in_method: SignInMethod | null;
}

/** How a session began: a password, or a Google or Apple ID token. */
export type SignInMethod = 'password' | 'google' | 'apple';

export interface RefreshTokensTable {
  id: string;
  session_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitesTable {
  id: string;
  code: string;
  label: string | null;
  max_uses: number | null;
  uses: number;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by_id: string | null;
}

export interface HealthRecordsTable {
  id: string;
  user_id: string;
  recorded_at: string;
  type: string;
  data: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CheckInsTable {
  id: string;
  user_id: string;
  date: string;
  mood: number | null;
  energy: number | null;
  sleep_hours: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface InterventionsTable {
  id: string;
  user_id: string;
  name: string;
  kind: string;
  dose: string | null;
  started_on: string;
  ended_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ObservationsTable {
  id: string;
  user_id: string;
  observed_at: string;
  metric: string;
  value: number;
  unit: string | null;
  intervention_id: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface LabResultsTable {
  id: string;
  user_id: string;
  collected_on: string;
  analyte: string;
  value: number;
  unit: string | null;
  reference_low: number | null;
  reference_high: number | null;
  lab: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface IntegrationsTable {
  id: string;
  user_id: string;
  provider: string;
  label: string | null;
  access_token_enc: string;
  refresh_token_enc: string | null;
  token_hint: string;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExportsTable {
  id: string;
  user_id: string;
  format: 'json' | 'zip';
  bytes: number;
  created_at: string;
}

/** Single-use export download tickets; only the ticket's SHA-256 is kept. */
export interface ExportTicketsTable {
  id: string;
  user_id: string;
  ticket_hash: string;
  format: 'json' | 'zip';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditEventsTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  /** attempts in the window, counted before the password is checked (the per-account limit) */
  attempts: number;
  window_start: string;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/**
 * Single-use nonces of POST /auth/nonce (sign-in) and POST /me/identities/nonce (link, bound to
 * the account that asked); only the nonce's SHA-256 hex is kept.
 */
export interface ProviderNoncesTable {
  nonce_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** the account a link nonce was issued to; null for a sign-in nonce of POST /auth/nonce */
  user_id: string | null;
}

/** Google and Apple ID tokens already accepted, remembered until they could no longer verify. */
export interface UsedIdTokensTable {
  /** SHA-256 hex of the token's (iss, jti), or of its signed part when it has no jti */
  token_key: string;
  provider: 'google' | 'apple';
  used_at: string;
  expires_at: string;
}

/**
 * Rate-limit counters while Redis is down (lib/rate-limit-store.ts): one row per route and client
 * window, so every process on the database counts against the same budget.
 */
export interface RateLimitCountersTable {
  /** SHA-256 hex of the route and client key: no address is stored */
  key: string;
  count: number;
  /** when the window ends (ISO time); a request after it starts a new window */
  window_end: string;
}

export interface DB {
  users: UsersTable;
  identities: IdentitiesTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  invites: InvitesTable;
  health_records: HealthRecordsTable;
  check_ins: CheckInsTable;
  interventions: InterventionsTable;
  observations: ObservationsTable;
  lab_results: LabResultsTable;
  integrations: IntegrationsTable;
  exports: ExportsTable;
  export_tickets: ExportTicketsTable;
  audit_events: AuditEventsTable;
  server_secrets: ServerSecretsTable;
  login_failures: LoginFailuresTable;
  provider_nonces: ProviderNoncesTable;
  used_id_tokens: UsedIdTokensTable;
  rate_limit_counters: RateLimitCountersTable;
}
