/** The one source of "now": tests pass a fake clock to buildApp, never a fake database. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
