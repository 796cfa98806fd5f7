import { chmodSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.ts';
import { KEY_FILE_NAME, keyIdOf, readKeyFile } from '../lib/data-encryption.ts';
import {
  BACKUP_DATABASE_FILE,
  describeFile,
  inspectDatabase,
  KEY_NOTE_FILE,
  MANIFEST_FILE,
  type BackupManifest,
} from '../lib/backup-manifest.ts';
import { entriesOf, listed, sqliteFileOf } from '../lib/backup-source.ts';
import { dataDirFor } from '../db/database.ts';
import { VERSION } from '../version.ts';

/**
 * Pages per step of SQLite's online backup: all of them. The whole copy is then one step, made in
 * one read transaction: a consistent snapshot, however busy the server is. In WAL mode that read
 * blocks no writer; copied in small steps, every write by the server would restart the copy.
 */
const ALL_PAGES = 0x7fffffff;

/** Where the data encryption key is, decided before anything is written. */
type KeyPlan =
  { source: 'environment'; key: Buffer } | { source: 'file'; key: Buffer; path: string } | { source: 'none' };

function planKey(config: Config, dataDir: string): KeyPlan {
  if (config.dataEncryptionKey) return { source: 'environment', key: config.dataEncryptionKey };
  const path = join(dataDir, KEY_FILE_NAME);
  if (existsSync(`${path}.next`))
    throw new Error(
      `${path}.next exists: a key rotation is under way (or stopped half-way). Finish it with ` +
        '`baseline rotate-encryption-key`, then back up. Nothing was written.',
    );
  const key = readKeyFile(path);
  return key ? { source: 'file', key, path } : { source: 'none' };
}

function keyNote(keyId: string, target: string): string {
  return [
    'This backup does NOT hold the data encryption key.',
    '',
    `The server ran with DATA_ENCRYPTION_KEY (key id ${keyId}). Keep that key with this backup, stored`,
    'apart from it: without it the integration tokens and the server secrets in baseline.db cannot be',
    'opened, and a server started on the restored database stops at start.',
    '',
    'Restore with the same key:',
    `  DATA_ENCRYPTION_KEY=<the key> DATABASE_URL=sqlite:/new/empty/folder/baseline.db baseline restore ${target}`,
    '',
  ].join('\n');
}

/** Copies the live database through SQLite's online backup API into `dest`, made a self-contained file. */
async function copyDatabase(file: string, dest: string): Promise<void> {
  const source = new SQLite(file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(dest, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  // the copy keeps the source's WAL flag; in rollback mode it is one file, with no -wal or -shm beside it
  const copy = new SQLite(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(dest, 0o600);
}

/**
 * `baseline backup <folder>` (issue 14): a consistent copy of the SQLite database, made while the
 * server serves, with the data encryption key file, into a new or empty folder (mode 0700) that
 * holds `baseline.db`, `encryption.key` (0600) and `manifest.json` (version, migrations, row
 * counts, SHA-256 of each file). With DATA_ENCRYPTION_KEY the key is not in the backup: the
 * output and KEY-NOT-INCLUDED.txt say so. A copy that fails is removed; a complete copy whose
 * key cannot open its sealed values is kept, and the command fails saying why.
 */
export async function backupCommand(config: Config, args: string[]): Promise<string> {
  if (args.length !== 1) throw new Error('Usage: baseline backup <folder> (a new or empty folder).');
  const file = sqliteFileOf(config.databaseUrl, 'backup');
  if (!existsSync(file)) throw new Error(`There is no database at ${file}: check DATABASE_URL. Nothing was written.`);
  const dataDir = dataDirFor(config.databaseUrl);
  const target = resolve(args[0]);
  const entries = entriesOf(target);
  if (entries && entries.length > 0)
    throw new Error(
      `${target} is not empty (${listed(entries)}): a backup goes into a new or empty folder. Nothing was written.`,
    );
  const plan = planKey(config, dataDir);

  mkdirSync(target, { recursive: true, mode: 0o700 });
  chmodSync(target, 0o700);
  let manifest: BackupManifest;
  try {
    await copyDatabase(file, join(target, BACKUP_DATABASE_FILE));
    const facts = inspectDatabase(join(target, BACKUP_DATABASE_FILE));
    if (facts.integrity !== 'ok') throw new Error(`The copy failed SQLite's integrity check: ${facts.integrity}`);
    const keyId = plan.source === 'none' ? null : keyIdOf(plan.key);
    if (plan.source === 'file') {
      writeFileSync(join(target, KEY_FILE_NAME), readFileSync(plan.path), { mode: 0o600 });
      chmodSync(join(target, KEY_FILE_NAME), 0o600);
    }
    if (plan.source === 'environment' && keyId) {
      writeFileSync(join(target, KEY_NOTE_FILE), keyNote(keyId, target), { mode: 0o600 });
    }
    const files = [BACKUP_DATABASE_FILE, ...(plan.source === 'file' ? [KEY_FILE_NAME] : [])];
    manifest = {
      format: 'baseline-backup',
      version: 1,
      baselineVersion: VERSION,
      createdAt: new Date().toISOString(),
      source: file,
      migrations: facts.migrations,
      tables: facts.tables,
      files: files.map((name) => describeFile(target, name)),
      key: { source: plan.source, keyId },
    };
    writeFileSync(join(target, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    const foreign = facts.sealedKeyIds.filter((id) => id !== keyId);
    if (foreign.length > 0) {
      const have = keyId ? `the key of this backup (key id ${keyId})` : 'no key (no DATA_ENCRYPTION_KEY, no key file)';
      throw new KeptBackupError(
        `The backup in ${target} is complete, but its data is sealed with key id ${foreign.join(', ')} and this ` +
          `command found ${have}: run it with the DATA_ENCRYPTION_KEY (or in the data folder) the server uses, ` +
          'or a restore will give a server that cannot open its secrets.',
      );
    }
  } catch (err) {
    if (!(err instanceof KeptBackupError)) removeContents(target, entries === undefined);
    throw err;
  }
  return summary(manifest, target);
}

/** A failure after which the backup stays: its data is whole, only its key is in doubt. */
class KeptBackupError extends Error {}

/** Undoes a failed backup: the folder was new or empty, so all it holds is this run's. */
function removeContents(target: string, created: boolean): void {
  for (const name of entriesOf(target) ?? []) rmSync(join(target, name), { force: true, recursive: true });
  if (created) rmdirSync(target);
}

function summary(m: BackupManifest, target: string): string {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  const bytes = m.files.find((f) => f.name === BACKUP_DATABASE_FILE)?.bytes ?? 0;
  const level = m.migrations.at(-1) ?? 'none';
  const key = {
    file: `The data encryption key is in the backup (${KEY_FILE_NAME}, key id ${m.key.keyId}): keep the folder private.`,
    environment:
      `The data encryption key is NOT in this backup: the server uses DATA_ENCRYPTION_KEY (key id ${m.key.keyId}). ` +
      `Keep that key with the backup, stored apart from it: without it the integration tokens and the server ` +
      `secrets cannot be opened (see ${KEY_NOTE_FILE}).`,
    none: 'The database holds no sealed values and there is no data encryption key yet: the backup needs none.',
  }[m.key.source];
  return [
    `Backed up ${m.source} to ${target}: ${bytes} bytes, ${Object.keys(m.tables).length} tables, ${rows} rows, ` +
      `migrations up to ${level}.`,
    key,
  ].join('\n');
}
