import type { HealthItem } from './kinds.ts';

/** Where a lab value sits against its own reference range: flagged only when the range says so. */
export function rangeFlag(item: HealthItem): 'high' | 'low' | null {
  const { value, referenceLow: lo, referenceHigh: hi } = item;
  if (typeof value !== 'number') return null;
  if (typeof hi === 'number' && value > hi) return 'high';
  if (typeof lo === 'number' && value < lo) return 'low';
  return null;
}

/** "3.5–5.1 mmol/L", "≤ 3.0", "≥ 60", or null without a range. */
export function rangeText(item: HealthItem): string | null {
  const { referenceLow: lo, referenceHigh: hi, unit } = item;
  const u = typeof unit === 'string' && unit ? ` ${unit}` : '';
  if (typeof lo === 'number' && typeof hi === 'number') return `${lo}–${hi}${u}`;
  if (typeof hi === 'number') return `≤ ${hi}${u}`;
  if (typeof lo === 'number') return `≥ ${lo}${u}`;
  return null;
}
