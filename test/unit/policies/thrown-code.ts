import { AppError } from '../../../server/errors.ts';

/**
 * The API code a policy throws, 'none' when it lets the call through: policy tests compare
 * codes, so a refusal for the wrong reason (or a plain Error) fails instead of passing.
 */
export function thrownCode(run: () => void): string {
  try {
    run();
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
  return 'none';
}
