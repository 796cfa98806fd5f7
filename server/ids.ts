import { randomBytes } from 'node:crypto';

let lastMs = -1;
let lastRandom = 0n;
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

/**
 * A new opaque id: 12 hex digits of milliseconds then 20 of randomness, so ids sort by
 * creation time and cannot be guessed. Within one millisecond (or when a fake clock stands
 * still) the random part counts up from the last id, so ids made in order sort in order —
 * lists and the audit log use the id as their tie-breaker.
 */
export function newId(now: Date = new Date()): string {
  let ms = now.getTime();
  let random: bigint;
  if (ms <= lastMs) {
    ms = lastMs;
    random = lastRandom + 1n + BigInt(randomBytes(2).readUInt16BE());
    if (random > RANDOM_MAX) {
      ms += 1;
      random = BigInt('0x' + randomBytes(9).toString('hex'));
    }
  } else {
    // 72 random bits leave headroom below 2^80 for counting up within the millisecond
    random = BigInt('0x' + randomBytes(9).toString('hex'));
  }
  lastMs = ms;
  lastRandom = random;
  return ms.toString(16).padStart(12, '0') + random.toString(16).padStart(20, '0');
}
