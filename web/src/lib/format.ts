import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import localizedFormat from 'dayjs/plugin/localizedFormat';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

/** "in 6 days", "3 hours ago": how people think of recent and near times. */
export function relative(iso: string): string {
  return dayjs(iso).fromNow();
}

/** The exact local time, for tooltips and screen readers. */
export function exact(iso: string): string {
  return dayjs(iso).format('LLLL');
}

/** A calendar date (`YYYY-MM-DD`) as people read it. */
export function formatDate(date: string): string {
  return dayjs(date).format('ll');
}

export { dayjs };
