import { readdirSync, statSync } from 'node:fs';
import { sqliteFilePath } from '../db/database.ts';

/** README's PostgreSQL commands, printed by `baseline backup` and `restore` when DATABASE_URL is PostgreSQL. */
const POSTGRES_HOW = {
  backup:
    'DATABASE_URL is PostgreSQL: back it up with pg_dump, which copies a consistent snapshot while the server serves:\n\n' +
    '  pg_dump --format=custom --file=baseline-$(date +%F).dump "$DATABASE_URL"\n\n' +
    'Keep the data encryption key with the dump (DATA_ENCRYPTION_KEY, or encryption.key in the data folder ' +
    "./data of the server's working folder), stored apart from it: without it the integration tokens and the " +
    'server secrets in the dump cannot be opened. README, "Backups and restores", shows the restore.',
  restore:
    'DATABASE_URL is PostgreSQL: restore a pg_dump file with pg_restore into a new, empty database:\n\n' +
    '  createdb --host=127.0.0.1 --username=postgres --owner=baseline baseline_restored\n' +
    '  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" baseline-2026-11-30.dump\n\n' +
    'then start the server on it with the DATA_ENCRYPTION_KEY (or key file) the dump was made with.',
};

/**
 * The SQLite file DATABASE_URL names, resolved as the server resolves it; for PostgreSQL an error
 * that says how to back up or restore with PostgreSQL's own tools instead, since a copy made by
 * this tool could not be consistent with a database it does not own.
 */
export function sqliteFileOf(databaseUrl: string, command: 'backup' | 'restore'): string {
  if (!databaseUrl.startsWith('sqlite:')) throw new Error(POSTGRES_HOW[command]);
  const file = sqliteFilePath(databaseUrl);
  if (file === undefined)
    throw new Error(`An in-memory database (DATABASE_URL=sqlite::memory:) cannot be ${command}d.`);
  return file;
}

/**
 * What is in a folder that must be new or empty: undefined when it does not exist, its entries
 * otherwise; an error when the path is a file. Restores and backups refuse a non-empty folder
 * rather than mixing their files with others.
 */
export function entriesOf(folder: string): string[] | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(folder).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!isDirectory) throw new Error(`${folder} is a file, not a folder.`);
  return readdirSync(folder);
}

/** A folder's first entries, for a refusal's message. */
export function listed(entries: string[]): string {
  const shown = entries.slice(0, 5).join(', ');
  return entries.length > 5 ? `${shown} and ${entries.length - 5} more` : shown;
}
