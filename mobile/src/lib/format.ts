/*
 * Times as people think of them ("in 6 days", "3 hours ago") and dates day first
 * ("6 Dec 2026"), written out here rather than with Intl.RelativeTimeFormat, which Hermes
 * does not ship on every iOS version.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const UNITS: [string, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relative(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff >= 0 ? 'in a few seconds' : 'a few seconds ago';
  for (const [unit, ms] of UNITS) {
    if (abs >= ms * 0.9 || unit === 'minute') {
      const n = Math.max(1, Math.round(abs / ms));
      const words = n === 1 ? `${unit === 'hour' ? 'an' : 'a'} ${unit}` : `${n} ${unit}s`;
      return diff >= 0 ? `in ${words}` : `${words} ago`;
    }
  }
  return iso;
}

/** `2026-12-06` or an ISO time → "6 Dec 2026". */
export function formatDate(value: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** An ISO time → "6 Dec 2026, 15:20" in the phone's time zone. */
export function formatDateTime(iso: string): string {
  const t = new Date(iso);
  const hh = String(t.getHours()).padStart(2, '0');
  const mm = String(t.getMinutes()).padStart(2, '0');
  return `${t.getDate()} ${MONTHS[t.getMonth()]} ${t.getFullYear()}, ${hh}:${mm}`;
}

/** Today as `YYYY-MM-DD` in the phone's time zone (a check-in's date). */
export function today(now: Date = new Date()): string {
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${m}-${d}`;
}
