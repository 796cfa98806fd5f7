/**
 * Every code the server answers with, its status and title written once: API.md's table, the
 * additions README lists, and the framework's own failures. A code is a key of this object, so a
 * misspelt or invented code does not compile, and the OpenAPI document lists them from here.
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, title: 'Invalid request' },
  password_too_common: { status: 400, title: 'Password too common' },
  nonce_invalid: { status: 400, title: 'Sign-in nonce cannot be used' },
  unauthenticated: { status: 401, title: 'Not signed in' },
  invalid_credentials: { status: 401, title: 'Wrong username or password' },
  refresh_token_invalid: { status: 401, title: 'Session ended' },
  access_denied: { status: 401, title: 'Sign-in cancelled' },
  provider_error: { status: 401, title: 'Sign-in cancelled' },
  provider_token_replayed: { status: 401, title: 'ID token already used' },
  forbidden: { status: 403, title: 'Forbidden' },
  account_disabled: { status: 403, title: 'Account disabled' },
  invite_required: { status: 403, title: 'Invite required' },
  invite_invalid: { status: 403, title: 'Invite cannot be used' },
  invite_expired: { status: 403, title: 'Invite cannot be used' },
  invite_exhausted: { status: 403, title: 'Invite cannot be used' },
  invite_revoked: { status: 403, title: 'Invite cannot be used' },
  cannot_disable_self: { status: 403, title: 'Cannot disable yourself' },
  cannot_delete_self: { status: 403, title: 'Cannot delete yourself' },
  not_found: { status: 404, title: 'Not found' },
  username_taken: { status: 409, title: 'Username taken' },
  email_taken: { status: 409, title: 'Email taken' },
  email_in_use: { status: 409, title: 'Email already in use' },
  identity_taken: { status: 409, title: 'Identity linked elsewhere' },
  provider_already_linked: { status: 409, title: 'Provider already linked' },
  last_sign_in_method: { status: 409, title: 'Last sign-in method' },
  last_admin: { status: 409, title: 'Last admin' },
  setup_done: { status: 409, title: 'Setup already done' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  internal_error: { status: 500, title: 'Internal error' },
  provider_unavailable: { status: 502, title: 'Sign-in provider unavailable' },
  not_ready: { status: 503, title: 'Not ready' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  dashboard_not_built: { status: 503, title: 'Dashboard not built' },
} as const satisfies Record<string, { status: number; title: string }>;

/** The stable `code` of a problem document: clients branch on it, so only catalogued ones exist. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A field the client must fix: a JSON Pointer into the body (or `query:/x`, `params:/x`) and why. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Every error a client can branch on, with the stable `code` of API.md; status and title come
 * from the catalogue. Thrown anywhere; turned into problem+json by plugins/errors.plugin.ts alone.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly headers: Record<string, string>;
  readonly errors?: FieldError[];
  /** more members of the problem document (RFC 9457 extensions), e.g. /readyz's `checks` */
  readonly extensions?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail?: string,
    extra: { headers?: Record<string, string>; errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    const { status, title } = ERROR_CATALOGUE[code];
    super(detail ?? title);
    this.status = status;
    this.code = code;
    this.title = title;
    this.headers = extra.headers ?? {};
    this.errors = extra.errors;
    this.extensions = extra.extensions;
  }
}

/** Codes a refused Google web sign-in redirects with (`?error=`), as Google reported the refusal. */
export type ProviderRefusal = 'access_denied' | 'provider_error';

/** One factory per error with its words, so call sites read `throw errors.lastAdmin()`. */
export const errors = {
  validation: (detail: string, errs: FieldError[] = []) => new AppError('validation_failed', detail, { errors: errs }),
  unauthenticated: (detail = 'Sign in to continue.') => new AppError('unauthenticated', detail),
  passwordTooCommon: (path: '/password' | '/newPassword') =>
    new AppError(
      'password_too_common',
      'This password is among the most used ones, or it is your username or email. ' +
        'Pick another: a few unrelated words make a good one.',
      { errors: [{ path, message: 'is too common or matches your username or email' }] },
    ),
  invalidCredentials: () => new AppError('invalid_credentials', 'The username, email or password is not right.'),
  refreshTokenInvalid: () =>
    new AppError(
      'refresh_token_invalid',
      'This refresh token is unknown, expired, revoked or already used. Sign in again.',
    ),
  forbidden: (detail = 'You are not allowed to do this.') => new AppError('forbidden', detail),
  accountDisabled: () =>
    new AppError(
      'account_disabled',
      'This account is disabled: you can still export your data or delete your account.',
    ),
  inviteRequired: () =>
    new AppError('invite_required', 'An invite code is needed to create an account on this server.'),
  invite: (reason: 'invalid' | 'expired' | 'exhausted' | 'revoked') =>
    new AppError(`invite_${reason}`, INVITE_REASONS[reason]),
  cannotDisableSelf: () => new AppError('cannot_disable_self', 'Admins cannot disable their own account here.'),
  cannotDeleteSelf: () => new AppError('cannot_delete_self', 'Delete your own account from your Settings instead.'),
  notFound: (what = 'resource') => new AppError('not_found', `No such ${what}.`),
  usernameTaken: () => new AppError('username_taken', 'That username is already taken.'),
  emailTaken: () => new AppError('email_taken', 'That email belongs to another account.'),
  emailInUse: () =>
    new AppError(
      'email_in_use',
      'An account with this email exists. Sign in to it and link the provider from Settings.',
    ),
  identityTaken: () =>
    new AppError('identity_taken', 'This Google or Apple account already signs in to another account here.'),
  providerAlreadyLinked: () =>
    new AppError('provider_already_linked', 'Another account of this provider is linked. Unlink it first.'),
  lastSignInMethod: () =>
    new AppError(
      'last_sign_in_method',
      'This is the only way to sign in to this account. Set a password or link another provider first.',
    ),
  providerUnavailable: (provider: string) =>
    new AppError('provider_unavailable', `${provider} could not be reached or answered unexpectedly. Try again later.`),
  lastAdmin: () => new AppError('last_admin', 'This would leave the server without an active admin.'),
  setupDone: () => new AppError('setup_done', 'An account already exists; setup is closed.'),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', `Try again in ${retryAfterSeconds} seconds.`, {
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  providerRefused: (code: ProviderRefusal) => new AppError(code, 'Google did not sign you in.'),
  nonceInvalid: (detail: string) => new AppError('nonce_invalid', detail),
  providerTokenReplayed: () =>
    new AppError(
      'provider_token_replayed',
      'This Google or Apple ID token was already used here. Sign in with the provider again for a new one.',
    ),
  payloadTooLarge: () => new AppError('payload_too_large', 'The request body is too large.'),
  unsupportedMediaType: () => new AppError('unsupported_media_type', 'Send JSON (Content-Type: application/json).'),
  internal: () => new AppError('internal_error', 'Something went wrong on the server.'),
  /** `checks` (each dependency's state, /readyz) is added to the problem document as it is */
  notReady: (reason?: string, checks?: Record<string, { ok: boolean; reason?: string }>) =>
    new AppError(
      'not_ready',
      reason ? `The database does not answer: ${reason}.` : 'The database does not answer.',
      checks ? { extensions: { checks } } : {},
    ),
  serviceUnavailable: (retryAfterSeconds: number) =>
    new AppError(
      'service_unavailable',
      `The database could not be reached for a moment. Try again in ${retryAfterSeconds} seconds.`,
      { headers: { 'retry-after': String(retryAfterSeconds) } },
    ),
  overloaded: (retryAfterSeconds: number) =>
    new AppError(
      'service_unavailable',
      `The server is overloaded and refuses requests for a moment. Try again in ${retryAfterSeconds} seconds.`,
      { headers: { 'retry-after': String(retryAfterSeconds) } },
    ),
  dashboardNotBuilt: () =>
    new AppError(
      'dashboard_not_built',
      'The web dashboard has not been built on this server: run `npm run build:web`, then reload.',
    ),
};

/** The words the registration page shows for each reason an invite is refused. */
export const INVITE_REASONS = {
  invalid: 'This invite code does not exist. Check it for typos.',
  expired: 'This invite has expired. Ask for a new one.',
  exhausted: 'This invite has already been used as many times as allowed.',
  revoked: 'This invite was revoked by an admin.',
} as const;
