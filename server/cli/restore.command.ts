import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { KEY_FILE_NAME, keyIdOf } from '../lib/data-encryption.ts';
import {
  BACKUP_DATABASE_FILE,
  describeFile,
  inspectDatabase,
  readManifest,
  type BackupManifest,
} from '../lib/backup-manifest.ts';
import { entriesOf, listed, sqliteFileOf } from '../lib/backup-source.ts';
import { dataDirFor } from '../db/database.ts';
import { KNOWN_MIGRATIONS } from '../db/migrate.ts';

/** Every file the manifest lists is there, unchanged since the backup (SHA-256 and size). */
function checkFiles(folder: string, m: BackupManifest): void {
  for (const entry of m.files) {
    if (!existsSync(join(folder, entry.name)))
      throw new Error(`${join(folder, entry.name)} is missing: the backup is incomplete.`);
    const actual = describeFile(folder, entry.name);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes)
      throw new Error(`${join(folder, entry.name)} differs from the one backed up (SHA-256 mismatch): it is damaged.`);
  }
}

/** Whether the key the restored server will use is the one the backup's data was sealed with. */
function checkKey(config: Config, m: BackupManifest): void {
  const envId = config.dataEncryptionKey ? keyIdOf(config.dataEncryptionKey) : null;
  if (m.key.source === 'environment' && envId !== m.key.keyId)
    throw new Error(
      `This backup does not hold its data encryption key: it was made with DATA_ENCRYPTION_KEY (key id ` +
        `${m.key.keyId}). ${envId ? `The DATA_ENCRYPTION_KEY set here is another key (key id ${envId})` : 'DATA_ENCRYPTION_KEY is not set'}: ` +
        'set it to the key the backup was made with, here and for the server. Nothing was written.',
    );
  if (m.key.source === 'file' && envId && envId !== m.key.keyId)
    throw new Error(
      `DATA_ENCRYPTION_KEY is set to key id ${envId}, but the backup's data is sealed with the key file it holds ` +
        `(key id ${m.key.keyId}), which a server ignores while DATA_ENCRYPTION_KEY is set: unset DATA_ENCRYPTION_KEY, ` +
        `or set it to the content of ${KEY_FILE_NAME}. Nothing was written.`,
    );
}

/** The backup's migrations all known to this version; the ones it lacks, which the next start runs. */
function checkMigrations(m: BackupManifest): string[] {
  const unknown = m.migrations.filter((name) => !KNOWN_MIGRATIONS.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `This backup comes from a newer Baseline (${m.baselineVersion}): its database has migration(s) ` +
        `${unknown.join(', ')}, which this version does not know. Install ${m.baselineVersion} or later, then ` +
        'restore. Nothing was written.',
    );
  return KNOWN_MIGRATIONS.filter((name) => !m.migrations.includes(name));
}

/**
 * `baseline restore <folder>` (issue 14): puts a backup of `baseline backup` into the data folder
 * of DATABASE_URL, which must be new or empty — so never over a running server's database, nor
 * over anything else. Everything is checked before a byte is written (manifest, SHA-256 of each
 * file, migration level, the key the server will use); the database is copied aside, checked
 * with `pragma integrity_check`, then renamed into place, and the key file written with mode 0600.
 * A failure removes what this run wrote.
 */
export async function restoreCommand(config: Config, args: string[]): Promise<string> {
  if (args.length !== 1) throw new Error('Usage: baseline restore <backup folder> (into the empty data folder).');
  const file = sqliteFileOf(config.databaseUrl, 'restore');
  const dataDir = dataDirFor(config.databaseUrl);
  const backup = resolve(args[0]);
  if (!entriesOf(backup)) throw new Error(`There is no backup folder at ${backup}.`);
  const manifest = readManifest(backup);
  const existing = entriesOf(dataDir);
  if (existing && existing.length > 0)
    throw new Error(
      `The data folder ${dataDir} (the folder of DATABASE_URL's file) is not empty (${listed(existing)}): a restore ` +
        'goes into a new or empty folder, never over a database, a running server or anything else. Point ' +
        'DATABASE_URL at a file in an empty folder, or move the old folder aside. Nothing was written.',
    );
  checkFiles(backup, manifest);
  checkKey(config, manifest);
  const pending = checkMigrations(manifest);

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = join(dataDir, `.${basename(file)}.restoring`);
  try {
    copyFileSync(join(backup, BACKUP_DATABASE_FILE), temp);
    chmodSync(temp, 0o600);
    const facts = inspectDatabase(temp);
    if (facts.integrity !== 'ok')
      throw new Error(`The restored copy failed SQLite's integrity check: ${facts.integrity}`);
    if (manifest.key.source === 'file') {
      copyFileSync(join(backup, KEY_FILE_NAME), join(dataDir, KEY_FILE_NAME));
      chmodSync(join(dataDir, KEY_FILE_NAME), 0o600);
    }
    renameSync(temp, file);
  } catch (err) {
    for (const name of entriesOf(dataDir) ?? []) rmSync(join(dataDir, name), { force: true, recursive: true });
    if (!existing) rmdirSync(dataDir);
    throw err;
  }
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  return [
    `Restored the backup of ${manifest.createdAt} (Baseline ${manifest.baselineVersion}, ${rows} rows) to ${file}.`,
    manifest.key.source === 'file'
      ? `The data encryption key is restored to ${join(dataDir, KEY_FILE_NAME)} (key id ${manifest.key.keyId}).`
      : manifest.key.source === 'environment'
        ? `Start the server with the same DATA_ENCRYPTION_KEY (key id ${manifest.key.keyId}).`
        : '',
    pending.length > 0 ? `The server's next start runs the migrations it lacks: ${pending.join(', ')}.` : '',
    `Start the server with DATABASE_URL=sqlite:${file}`,
  ]
    .filter(Boolean)
    .join('\n');
}
