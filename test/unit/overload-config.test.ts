import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

/** OVERLOAD_EVENT_LOOP_DELAY and OVERLOAD_MEMORY_MB: the thresholds of load shedding (issue 14). */
describe('overload configuration', () => {
  it('sheds above 1000 ms of event-loop delay by default, with no memory threshold', () => {
    expect(loadConfig({}).overload).toEqual({ maxEventLoopDelayMs: 1000, maxRssBytes: 0 });
  });

  it('reads the delay in milliseconds and the memory in MiB (stored as bytes)', () => {
    const c = loadConfig({ OVERLOAD_EVENT_LOOP_DELAY: '250', OVERLOAD_MEMORY_MB: '512' });
    expect(c.overload).toEqual({ maxEventLoopDelayMs: 250, maxRssBytes: 512 * 1024 * 1024 });
  });

  it('takes 0 to turn a threshold off, and an empty value as the default', () => {
    expect(loadConfig({ OVERLOAD_EVENT_LOOP_DELAY: '0' }).overload.maxEventLoopDelayMs).toBe(0);
    expect(loadConfig({ OVERLOAD_EVENT_LOOP_DELAY: '', OVERLOAD_MEMORY_MB: '' }).overload).toEqual({
      maxEventLoopDelayMs: 1000,
      maxRssBytes: 0,
    });
  });

  it.each([
    ['OVERLOAD_EVENT_LOOP_DELAY', '1s'],
    ['OVERLOAD_EVENT_LOOP_DELAY', '-5'],
    ['OVERLOAD_EVENT_LOOP_DELAY', '60001'],
    ['OVERLOAD_MEMORY_MB', '1.5'],
    ['OVERLOAD_MEMORY_MB', '512MB'],
    ['OVERLOAD_MEMORY_MB', '1048577'],
  ])('refuses %s=%s, naming the variable and the accepted range', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name} must be a whole number from 0 to`));
  });
});
