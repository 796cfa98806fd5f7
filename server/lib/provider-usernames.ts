import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { usernameExists } from '../repositories/users.repository.ts';

const MIN = 3;
const MAX = 32;
/** Room left for a numeric suffix ("alice2" … "alice20") within the 32-character limit. */
const BASE_MAX = 28;

/**
 * Turns a name or an email local part into something that fits the username rule
 * (^[A-Za-z0-9._-]{3,32}$): accents dropped, spaces to dots, other characters removed.
 * Returns null when too little is left to be a name.
 */
export function sanitizeUsername(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[._-]+/, '')
    .slice(0, BASE_MAX)
    .replace(/[._-]+$/, '');
  return cleaned.length >= MIN ? cleaned : null;
}

/**
 * A free username for a new provider account, when the person did not choose one: the first
 * usable candidate (email local part, then names), made unique with a number, then at
 * worst with random characters. Uniqueness is re-checked by the database at insert time.
 */
export async function pickUsername(
  db: Db,
  candidates: (string | null | undefined)[],
  fallback: string,
): Promise<string> {
  const base = candidates.map(sanitizeUsername).find((c): c is string => c !== null) ?? fallback;
  if (!(await usernameExists(db, base))) return base;
  for (let n = 2; n <= 20; n++) {
    const candidate = `${base}${n}`;
    if (!(await usernameExists(db, candidate))) return candidate;
  }
  return `${base.slice(0, MAX - 9)}-${randomBytes(4).toString('hex')}`;
}
