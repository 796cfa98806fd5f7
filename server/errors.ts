/**
 * Every error a client can branch on, with the stable `code` of API.md.
 * Thrown anywhere; turned into problem+json by plugins/errors.plugin.ts alone.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly headers: Record<string, string>;
  readonly errors?: { path: string; message: string }[];

  constructor(status: number, code: string, title: string, detail?: string, extra: { headers?: Record<string, string>; errors?: { path: string; message: string }[] } = {}) {
    super(detail ?? title);
    this.status = status;
    this.code = code;
    this.title = title;
    this.headers = extra.headers ?? {};
    this.errors = extra.errors;
  }
}

export const errors = {
  validation: (detail: string, errs: { path: string; message: string }[] = []) =>
    new AppError(400, 'validation_failed', 'Invalid request', detail, { errors: errs }),
  unauthenticated: (detail = 'Sign in to continue.') => new AppError(401, 'unauthenticated', 'Not signed in', detail),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'Wrong username or password', 'The username, email or password is not right.'),
  refreshTokenInvalid: () => new AppError(401, 'refresh_token_invalid', 'Session ended', 'This refresh token is unknown, expired, revoked or already used. Sign in again.'),
  forbidden: (detail = 'You are not allowed to do this.') => new AppError(403, 'forbidden', 'Forbidden', detail),
  accountDisabled: () =>
    new AppError(403, 'account_disabled', 'Account disabled', 'This account is disabled: you can still export your data or delete your account.'),
  inviteRequired: () => new AppError(403, 'invite_required', 'Invite required', 'An invite code is needed to create an account on this server.'),
  invite: (reason: 'invalid' | 'expired' | 'exhausted' | 'revoked') => new AppError(403, `invite_${reason}`, 'Invite cannot be used', INVITE_REASONS[reason]),
  cannotDisableSelf: () => new AppError(403, 'cannot_disable_self', 'Cannot disable yourself', 'Admins cannot disable their own account here.'),
  cannotDeleteSelf: () => new AppError(403, 'cannot_delete_self', 'Cannot delete yourself', 'Delete your own account from your Settings instead.'),
  notFound: (what = 'resource') => new AppError(404, 'not_found', 'Not found', `No such ${what}.`),
  usernameTaken: () => new AppError(409, 'username_taken', 'Username taken', 'That username is already taken.'),
  emailTaken: () => new AppError(409, 'email_taken', 'Email taken', 'That email belongs to another account.'),
  emailInUse: () =>
    new AppError(409, 'email_in_use', 'Email already in use', 'An account with this email exists. Sign in to it and link the provider from Settings.'),
  identityTaken: () =>
    new AppError(409, 'identity_taken', 'Identity linked elsewhere', 'This Google or Apple account already signs in to another account here.'),
  providerAlreadyLinked: () =>
    new AppError(409, 'provider_already_linked', 'Provider already linked', 'Another account of this provider is linked. Unlink it first.'),
  lastSignInMethod: () =>
    new AppError(409, 'last_sign_in_method', 'Last sign-in method', 'This is the only way to sign in to this account. Set a password or link another provider first.'),
  providerUnavailable: (provider: string) =>
    new AppError(502, 'provider_unavailable', 'Sign-in provider unavailable', `${provider} could not be reached or answered unexpectedly. Try again later.`),
  lastAdmin: () => new AppError(409, 'last_admin', 'Last admin', 'This would leave the server without an active admin.'),
  setupDone: () => new AppError(409, 'setup_done', 'Setup already done', 'An account already exists; setup is closed.'),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(429, 'rate_limited', 'Too many attempts', `Try again in ${retryAfterSeconds} seconds.`, { headers: { 'retry-after': String(retryAfterSeconds) } }),
};

/** The words the registration page shows for each reason an invite is refused. */
export const INVITE_REASONS = {
  invalid: 'This invite code does not exist. Check it for typos.',
  expired: 'This invite has expired. Ask for a new one.',
  exhausted: 'This invite has already been used as many times as allowed.',
  revoked: 'This invite was revoked by an admin.',
} as const;
