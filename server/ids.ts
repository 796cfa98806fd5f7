import { randomBytes } from 'node:crypto';

/**
 * A new opaque id: 12 hex digits of milliseconds then 20 of randomness, so ids sort by
 * creation time (used as keyset-pagination tie-breakers) and cannot be guessed.
 */
export function newId(now: Date = new Date()): string {
  return now.getTime().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
}
