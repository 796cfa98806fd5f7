/** The server's own rules (API.md), checked before sending so mistakes show at once. */
export const USERNAME_RULE = /^[A-Za-z0-9._-]{3,32}$/;

export function validateUsername(value: string): string | null {
  if (!value.trim()) return 'Choose a username.';
  return USERNAME_RULE.test(value) ? null : 'Use 3–32 letters, digits, dots, dashes or underscores.';
}

export function validateNewPassword(value: string): string | null {
  if (value.length < 8) return 'Use at least 8 characters.';
  return value.length > 1024 ? 'Use at most 1024 characters.' : null;
}

export function validateOptionalEmail(value: string): string | null {
  return !value || /^[^\s@]+@[^\s@]+$/.test(value)
    ? null
    : 'Enter an email address like name@example.org, or leave it empty.';
}

/** Field errors of a `validation_failed` answer, keyed by form field (`/password` → `password`). */
export function fieldErrorsOf(errors: { path: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(
    errors.filter((e) => e.path).map((e) => [e.path.replace(/^\//, '').split('/')[0], e.message]),
  );
}
