/**
 * A session's device in words people recognise ("Safari on iPhone", "Baseline app on iPhone")
 * from its User-Agent, so an unfamiliar session stands out. The dashboard and the app name them the same way.
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
