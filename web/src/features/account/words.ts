/** A session's device in words people recognise: shared with the iOS app. */
export { deviceName } from '@client';

/** "12.4 KB", "3.1 MB": sizes of exports as people read them. */
export function formatSize(bytes: number): string {
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${number.format(Math.max(bytes / 1024, 0.1))} KB`;
  return `${number.format(bytes / (1024 * 1024))} MB`;
}
