import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** "in 6 days", "3 hours ago": how people think of recent and near times. */
export function relative(iso: string): string {
  return dayjs(iso).fromNow();
}

/*
 * One way of writing dates across the dashboard, day first and unambiguous wherever the
 * reader lives ("6 Dec 2026", "Sunday 6 December 2026, 15:20"), rather than US-style 12/6.
 */

/** The exact local time, for tooltips and screen readers. */
export function exact(iso: string): string {
  return dayjs(iso).format('dddd D MMMM YYYY, HH:mm');
}

/** A calendar date (`YYYY-MM-DD`) as people read it. */
export function formatDate(date: string): string {
  return dayjs(date).format('D MMM YYYY');
}

/** A date and time, short. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('D MMM YYYY, HH:mm');
}

export { dayjs };
