import type { CheckIn, HealthRecord, Intervention, LabResult, Observation } from '@client';
import { formatDate, relative, today } from '../../lib/format';

/*
 * Health entries as one line of words each ("Weight 71.2 kg · 2 days ago"), for Home, where
 * there is room for a line and people read it at a glance. Written out by hand, like
 * lib/format.ts, because Hermes does not ship Intl's date names on every iOS version.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Thursday 12 March": the day Home's check-in is for, as people say it. */
export function longDay(now: Date = new Date()): string {
  return `${DAYS[now.getDay()]} ${now.getDate()} ${MONTHS[now.getMonth()]}`;
}

/** Whole days from `YYYY-MM-DD` to today in the phone's zone (calendar days, not 24-hour spans). */
function daysAgo(date: string, now: Date): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = today(now).split('-').map(Number);
  return Math.round((Date.UTC(ty!, tm! - 1, td!) - Date.UTC(y!, (m ?? 1) - 1, d ?? 1)) / 86_400_000);
}

/** A calendar day relative to today: "today", "yesterday", "5 days ago", else "3 Mar 2026". */
export function relativeDay(date: string, now: Date = new Date()): string {
  const n = daysAgo(date, now);
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n === -1) return 'tomorrow';
  if (n > 1 && n < 30) return `${n} days ago`;
  return formatDate(date);
}

/** "7.5", "71.2", "1,234": numbers as people write them, without trailing zeros. */
export function formatNumber(value: number): string {
  const [whole, fraction] = String(Math.round(value * 100) / 100).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** "Weight" for "weight": metric and analyte names begin a line. */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The parts that are set, joined by a middle dot. */
const line = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');
const measure = (value: number, unit: string | null) => `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

export function checkInLine(c: CheckIn, now?: Date): string {
  return line(
    c.mood !== null && `Mood ${c.mood}/5`,
    c.energy !== null && `Energy ${c.energy}/5`,
    c.sleepHours !== null && `Sleep ${formatNumber(c.sleepHours)} h`,
    c.mood === null && c.energy === null && c.sleepHours === null && 'Notes only',
    relativeDay(c.date, now),
  );
}

export function observationLine(o: Observation, now?: Date): string {
  return line(`${capital(o.metric)} ${measure(o.value, o.unit)}`, relative(o.observedAt, now?.getTime()));
}

/** A lab value outside its reference range says so in words, not only in colour. */
export function labResultLine(r: LabResult, now?: Date): string {
  const range =
    r.referenceLow !== null && r.value < r.referenceLow
      ? 'below range'
      : r.referenceHigh !== null && r.value > r.referenceHigh
        ? 'above range'
        : null;
  return line(`${capital(r.analyte)} ${measure(r.value, r.unit)}`, range, relativeDay(r.collectedOn, now));
}

export function interventionLine(i: Intervention, now?: Date): string {
  const when = i.endedOn
    ? `${formatDate(i.startedOn)} – ${formatDate(i.endedOn)}`
    : daysAgo(i.startedOn, now ?? new Date()) < 0
      ? `starts ${formatDate(i.startedOn)}`
      : `started ${relativeDay(i.startedOn, now)}`;
  return line(i.name, i.dose, when);
}

export function healthRecordLine(h: HealthRecord, now?: Date): string {
  return line(capital(h.type), relative(h.recordedAt, now?.getTime()));
}
