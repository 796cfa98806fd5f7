import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.ts';
import { open, parseBase64Key, seal } from './crypto.ts';

/** Name of the generated key file inside the data folder. */
export const KEY_FILE_NAME = 'encryption.key';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (integration tokens). The key never touches the database,
 * so a dump of the database alone reveals no token. Each value carries the key's short
 * fingerprint, so that decrypting with the wrong key fails with a clear message and a key
 * rotation can tell which rows it has already re-encrypted.
 *
 * Text form: `v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts). `context` is bound as
 * additional authenticated data: a value copied into another row or column does not decrypt.
 */
export class DataCipher {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('A data encryption key is 32 bytes.');
    this.key = Buffer.from(key);
    this.keyId = keyIdOf(key);
  }

  encrypt(plain: string, context: string): string {
    const { iv, ciphertext, tag } = seal(this.key, plain, context);
    return [
      VERSION,
      this.keyId,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      tag.toString('base64url'),
    ].join(':');
  }

  decrypt(text: string, context: string): string {
    const [version, keyId, iv, ct, tag] = text.split(':');
    if (version !== VERSION || tag === undefined) throw new Error('Not an encrypted value of this server.');
    if (keyId !== this.keyId) throw new Error(`Encrypted with another key (${keyId}); this key is ${this.keyId}.`);
    const part = (p: string) => Buffer.from(p, 'base64url');
    return open(this.key, { iv: part(iv), ciphertext: part(ct), tag: part(tag) }, context);
  }
}

/** The key fingerprint stored with each value: 8 hex digits of SHA-256, which reveal nothing usable of the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('baseline-data-key').update(key).digest('hex').slice(0, 8);
}

/** The key id of an encrypted value, without decrypting it. */
export function keyIdOfValue(text: string): string | undefined {
  return text.split(':')[1];
}

/** Parses a base64 key (the DATA_ENCRYPTION_KEY form), or throws naming where it came from. */
export function parseKey(text: string, source: string): Buffer {
  const key = parseBase64Key(text);
  if (!key) throw new Error(`${source} must hold 32 bytes in base64 (openssl rand -base64 32).`);
  return key;
}

/**
 * Reads the key file of the data folder, creating it (mode 0600) when absent. Creation is
 * atomic — written aside, then hard-linked into place — so processes starting together
 * on one data folder all end up with the same key.
 */
export function readOrCreateKeyFile(dataDir: string): { key: Buffer; path: string; created: boolean } {
  const path = join(dataDir, KEY_FILE_NAME);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, path, created: false };
  mkdirSync(dataDir, { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  let created = true;
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    created = false; // another process won the race: use its key
  } finally {
    unlinkSync(temp);
  }
  return { key: parseKey(readFileSync(path, 'utf8'), path), path, created };
}

/** A key file's key; undefined when there is no such file, an error when it holds no key. */
export function readKeyFile(path: string): Buffer | undefined {
  try {
    return parseKey(readFileSync(path, 'utf8'), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** One cipher per configuration and data folder: the server's start loads it once, and warns once. */
const loaded = new WeakMap<AppContext['config'], { dataDir: string; cipher: DataCipher }>();

/**
 * The server's cipher: DATA_ENCRYPTION_KEY when set, else the generated key file of the data
 * folder — with a warning, because every process serving the same database needs that key.
 */
export function loadDataCipher(ctx: Pick<AppContext, 'config' | 'dataDir' | 'log'>): DataCipher {
  if (ctx.config.dataEncryptionKey) return new DataCipher(ctx.config.dataEncryptionKey);
  const known = loaded.get(ctx.config);
  if (known?.dataDir === ctx.dataDir) return known.cipher;
  const { key, path, created } = readOrCreateKeyFile(ctx.dataDir);
  ctx.log.warn(
    { keyFile: path, created },
    'DATA_ENCRYPTION_KEY is not set: integration tokens, the access-token signing keys and the other server secrets are encrypted with the key file %s. Back it up with the database; when several processes serve, set DATA_ENCRYPTION_KEY to the same value in all of them.',
    path,
  );
  const cipher = new DataCipher(key);
  loaded.set(ctx.config, { dataDir: ctx.dataDir, cipher });
  return cipher;
}
