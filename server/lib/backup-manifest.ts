import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import SQLite from 'better-sqlite3';
import { keyIdOfValue } from './data-encryption.ts';

/** The database's name inside a backup folder, whatever DATABASE_URL called it. */
export const BACKUP_DATABASE_FILE = 'baseline.db';

/** The manifest's name: what the folder holds, so a restore can check it before writing anything. */
export const MANIFEST_FILE = 'manifest.json';

/** Written instead of the key when the server's key comes from DATA_ENCRYPTION_KEY, so nobody assumes it is there. */
export const KEY_NOTE_FILE = 'KEY-NOT-INCLUDED.txt';

const FileEntry = Type.Object({ name: Type.String(), bytes: Type.Integer(), sha256: Type.String() });

/**
 * A backup folder's description. `key.source` says where the data encryption key is: `file` — in the
 * folder (encryption.key); `environment` — NOT in the folder, it was DATA_ENCRYPTION_KEY and must be
 * kept apart; `none` — the database holds nothing sealed (never served). `keyId` is the key's
 * 8-hex-digit fingerprint (data-encryption.ts), which reveals nothing of the key, so a restore can
 * tell the operator's key from another before anything is written.
 */
export const BackupManifest = Type.Object({
  format: Type.Literal('baseline-backup'),
  version: Type.Literal(1),
  baselineVersion: Type.String(),
  createdAt: Type.String(),
  source: Type.String(),
  migrations: Type.Array(Type.String()),
  tables: Type.Record(Type.String(), Type.Integer()),
  files: Type.Array(FileEntry),
  key: Type.Object({
    source: Type.Union([Type.Literal('file'), Type.Literal('environment'), Type.Literal('none')]),
    keyId: Type.Union([Type.String(), Type.Null()]),
  }),
});

/** The manifest as TypeScript sees it; checked against BackupManifest whenever it is read. */
export type BackupManifest = Static<typeof BackupManifest>;

/** A file's SHA-256 and size, for the manifest and the restore's check that nothing changed since. */
export function describeFile(folder: string, name: string): Static<typeof FileEntry> {
  const content = readFileSync(join(folder, name));
  return { name, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** Reads and checks a backup folder's manifest; the error says in plain words what is wrong. */
export function readManifest(folder: string): BackupManifest {
  const path = join(folder, MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Error(`${folder} is not a Baseline backup: it has no ${MANIFEST_FILE}.`, { cause: err });
    throw new Error(`${path} cannot be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!Value.Check(BackupManifest, parsed)) {
    throw new Error(`${path} is not the manifest of a backup this version of Baseline can restore.`);
  }
  return parsed;
}

/** What a backup's database holds, read from the copy itself (never from the live file). */
export interface DatabaseFacts {
  integrity: string;
  migrations: string[];
  tables: Record<string, number>;
  /** the fingerprints of the keys its sealed values (server secrets, integration tokens) were sealed with */
  sealedKeyIds: string[];
}

/** The `kysely_migration` names of a SQLite file, in order; empty before the first start. */
function migrationsOf(sqlite: SQLite.Database): string[] {
  const has = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!has) return [];
  return (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/**
 * Opens a SQLite file (a backup, or a restore's copy) and reports what it holds: `pragma
 * integrity_check`, its migration level, every table's row count, and the key ids of its sealed values.
 */
export function inspectDatabase(path: string): DatabaseFacts {
  const sqlite = new SQLite(path, { fileMustExist: true });
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const names = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    const tables: Record<string, number> = {};
    for (const { name } of names) {
      const row = sqlite.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number };
      tables[name] = row.n;
    }
    const sealed = new Set<string>();
    const collect = (sql: string) => {
      for (const value of sqlite.prepare(sql).pluck().all() as (string | null)[]) {
        const id = value?.includes(':') ? keyIdOfValue(value) : undefined;
        if (id) sealed.add(id);
      }
    };
    if ('server_secrets' in tables) collect('select value from server_secrets');
    if ('integrations' in tables) {
      collect('select access_token_enc from integrations');
      collect('select refresh_token_enc from integrations');
    }
    return { integrity, migrations: migrationsOf(sqlite), tables, sealedKeyIds: [...sealed].sort() };
  } finally {
    sqlite.close();
  }
}
