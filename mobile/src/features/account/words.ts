/**
 * A session's device in words people recognise ("Safari on iPhone", "Baseline app on iPhone")
 * from its User-Agent, so an unfamiliar session stands out; the dashboard names them the same way.
 */
const BROWSERS: [RegExp, string][] = [
  [/Baseline\//, 'Baseline app'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  // the iOS app's own requests: "Baseline/1 CFNetwork/… Darwin/…" (Darwin alone cannot tell iPhone from Mac)
  if (/CFNetwork\//.test(userAgent) && !/Safari\//.test(userAgent))
    return /iPad/.test(userAgent) ? 'Baseline app on iPad' : 'Baseline app on iPhone';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `Browser on ${system}` : userAgent.slice(0, 60));
}

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
