/**
 * Every failure a screen can show, as plain words keyed by the API's stable `code`
 * (API.md), so the dashboard and the iOS app say the same thing and never show a raw status.
 */

/** A problem+json answer (or a network failure) raised by the client. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly fieldErrors: { path: string; message: string }[];
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    detail?: string;
    fieldErrors?: { path: string; message: string }[];
    retryAfterSeconds?: number | null;
  }) {
    super(messageForCode(init.code, init));
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

const MESSAGES: Record<string, string> = {
  validation_failed: 'Some of what you entered is not valid. Check the highlighted fields.',
  password_too_common:
    'This password is too easy to guess: it is one of the most used passwords, or your username or email. ' +
    'Pick another; a few unrelated words make a good one.',
  unauthenticated: 'Your session has ended. Sign in again.',
  invalid_credentials: 'That username, email or password is not right.',
  refresh_token_invalid: 'Your session has ended. Sign in again.',
  forbidden: 'You are not allowed to do this.',
  account_disabled: 'Your account is disabled. You can still export your data or delete your account.',
  invite_required: 'An invite code is needed to create an account on this server.',
  invite_invalid: 'This invite code is not valid. Check it for typos.',
  invite_expired: 'This invite has expired. Ask the person who sent it for a new one.',
  invite_exhausted: 'This invite has been used up: it reached its maximum number of uses.',
  invite_revoked: 'This invite was revoked by an admin.',
  cannot_disable_self:
    'You cannot disable yourself. To prevent accidental lockout, admins cannot disable their own account here.',
  cannot_delete_self: 'You cannot delete yourself here. Use Delete my account in your own Settings.',
  not_found: 'This was not found. It may have been deleted.',
  username_taken: 'That username is already taken. Pick another.',
  email_taken: 'That email already belongs to another account.',
  email_in_use: 'An account with this email already exists. Sign in to it and link Google from Settings.',
  identity_taken: 'This Google or Apple account already signs in to another Baseline account.',
  provider_already_linked: 'Another account of this provider is already linked. Unlink it first.',
  last_sign_in_method: 'This is your only way to sign in. Set a password or link another sign-in method first.',
  last_admin: 'This would leave the server without an active admin. Make someone else an admin first.',
  setup_done: 'Setup is already done: an account exists. Sign in instead.',
  provider_unavailable: 'The sign-in provider could not be reached. Try again in a moment.',
  provider_error: 'The sign-in provider reported an error. Try again.',
  access_denied: 'Sign-in was cancelled.',
  nonce_invalid: 'This sign-in request has expired or was already used. Start again.',
  provider_token_replayed: 'This Google or Apple sign-in was already used. Sign in with it again.',
  network_error: 'The server could not be reached. Check your connection and try again.',
  server_error: 'Something went wrong on the server. Try again in a moment.',
  service_unavailable: 'The server cannot reach its database just now. Try again in a few seconds.',
  dashboard_not_built: 'The dashboard has not been built on this server.',
  // not an API code: why a session ended on this device (shown on the sign-in page)
  account_deleted: 'Your account and all of its data were deleted.',
};

/** Plain words for an error code; `rate_limited` names the wait. */
export function messageForCode(code: string, extra: { retryAfterSeconds?: number | null } = {}): string {
  if (code === 'rate_limited') {
    const s = extra.retryAfterSeconds;
    return s
      ? `Too many attempts. Try again in ${s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`}.`
      : 'Too many attempts. Wait a moment and try again.';
  }
  return MESSAGES[code] ?? 'Something went wrong. Try again in a moment.';
}

/** Plain words for anything thrown by a request. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return messageForCode('network_error');
}

/** Builds an ApiError from a failed Response whose body may be problem+json. */
export async function apiErrorFrom(response: Response, body?: unknown): Promise<ApiError> {
  let problem = body as { code?: string; detail?: string; errors?: { path: string; message: string }[] } | undefined;
  if (problem === undefined) {
    try {
      problem = (await response.clone().json()) as typeof problem;
    } catch {
      problem = undefined;
    }
  }
  const retry = Number(response.headers.get('retry-after'));
  const code = problem?.code ?? (response.status >= 500 ? 'server_error' : 'network_error');
  return new ApiError({
    status: response.status,
    code,
    detail: problem?.detail,
    fieldErrors: problem?.errors,
    retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : null,
  });
}
