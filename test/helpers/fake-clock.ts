import type { Clock } from '../../server/clock.ts';

/** The only thing tests fake: time. Starts now, moves only when told. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date = new Date()) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
