/** The one source of "now": tests pass a fake clock to buildApp, never a fake database. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC text, the form every time column and API field uses. */
export function iso(date: Date): string {
  return date.toISOString();
}
