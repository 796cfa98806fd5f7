import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-app.ts';
import { DataCipher, KEY_FILE_NAME, loadDataCipher } from '../../server/lib/data-encryption.ts';
import type { AppContext } from '../../server/context.ts';

const KEY = randomBytes(32);

describe('the data encryption key', () => {
  let dir: string;
  const warnings: unknown[][] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as AppContext['log'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baseline-key-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once into the data folder (mode 0600) when DATA_ENCRYPTION_KEY is unset, with a warning', () => {
    const first = loadDataCipher({ config: testConfig(), dataDir: join(dir, 'data'), log });
    const file = join(dir, 'data', KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0][1])).toContain('DATA_ENCRYPTION_KEY');
    const second = loadDataCipher({ config: testConfig(), dataDir: join(dir, 'data'), log });
    expect(second.keyId).toBe(first.keyId);
    expect(second.decrypt(first.encrypt('secret', 'ctx'), 'ctx')).toBe('secret');
  });

  it('comes from DATA_ENCRYPTION_KEY when set: no file, no warning', () => {
    const cipher = loadDataCipher({
      config: testConfig({ DATA_ENCRYPTION_KEY: KEY.toString('base64') }),
      dataDir: dir,
      log,
    });
    expect(cipher.keyId).toBe(new DataCipher(KEY).keyId);
    expect(() => statSync(join(dir, KEY_FILE_NAME))).toThrow();
    expect(warnings).toHaveLength(0);
  });

  it('stops the start with a clear message when the key file is damaged', () => {
    writeFileSync(join(dir, KEY_FILE_NAME), 'not a key\n');
    expect(() => loadDataCipher({ config: testConfig(), dataDir: dir, log })).toThrow(/32 bytes in base64/);
  });
});
