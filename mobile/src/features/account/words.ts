export { deviceName } from '@client';

/** "12.4 KB", "2.4 MB": sizes of exports as people read them. */
export function formatSize(bytes: number): string {
  const one = (n: number) => (Math.round(n * 10) / 10).toString();
  if (bytes < 1024 * 1024) return `${one(Math.max(bytes / 1024, 0.1))} KB`;
  return `${one(bytes / (1024 * 1024))} MB`;
}

/** UI.md's names of a role and of the sign-in methods. */
export const ROLE_LABELS = { admin: 'Admin', user: 'User' } as const;
export const METHOD_LABELS = { password: 'Password', google: 'Google', apple: 'Apple' } as const;

/** What deleting an account removes (UI.md), said before the person confirms. */
export const DELETE_ACCOUNT_LOSES =
  'Deleting your account permanently removes it and all associated data (health records, check-ins, ' +
  'interventions, observations, lab results, integration tokens and export history). This cannot be undone.';
