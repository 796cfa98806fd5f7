import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/factories.ts';
import { dbKind } from '../helpers/test-db.ts';
import { runCli } from '../helpers/run-cli.ts';
import { integrations } from '../../server/health/health-kinds.ts';
import { tokenContext } from '../../server/health/secrets.ts';
import { DataCipher, KEY_FILE_NAME, parseKey } from '../../server/lib/data-encryption.ts';
import { createHealthItem } from '../../server/health/health-data.service.ts';

/** Runs the real `baseline rotate-encryption-key` with the given environment and working folder. */
const rotate = (env: Record<string, string>, cwd: string) => runCli(['rotate-encryption-key'], { env, cwd });

describe('baseline rotate-encryption-key', () => {
  let t: TestApp;
  let cwd: string;
  let userId: string;
  beforeEach(async () => {
    t = await createTestApp();
    cwd = mkdtempSync(join(tmpdir(), 'baseline-rotate-'));
    userId = (await createUser(t.ctx, { username: 'alice' })).id;
  });
  afterEach(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  /** Stores integrations encrypted with `key`, as the server would. */
  async function seed(key: Buffer, count: number): Promise<string[]> {
    const deps = { db: t.ctx.db, dialect: t.ctx.dialect, clock: t.ctx.clock, cipher: new DataCipher(key) };
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const input = {
        provider: `p${i}`,
        accessToken: `access-token-${i}-secret`,
        ...(i % 2 === 0 ? { refreshToken: `refresh-token-${i}-secret` } : {}),
      };
      ids.push(String((await createHealthItem(deps, integrations, userId, input)).id));
    }
    return ids;
  }

  async function expectDecryptsWith(key: Buffer, ids: string[]): Promise<void> {
    const cipher = new DataCipher(key);
    for (const [i, id] of ids.entries()) {
      const row = await t.ctx.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(cipher.decrypt(row.access_token_enc, tokenContext('access_token_enc', id))).toBe(
        `access-token-${i}-secret`,
      );
      if (i % 2 === 0)
        expect(cipher.decrypt(row.refresh_token_enc!, tokenContext('refresh_token_enc', id))).toBe(
          `refresh-token-${i}-secret`,
        );
      else expect(row.refresh_token_enc).toBeNull();
    }
  }

  it('moves every token from DATA_ENCRYPTION_KEY to NEW_DATA_ENCRYPTION_KEY, and can be run again', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const ids = await seed(oldKey, 3);
    const env = {
      DATABASE_URL: t.config.databaseUrl,
      DATA_ENCRYPTION_KEY: oldKey.toString('base64'),
      NEW_DATA_ENCRYPTION_KEY: newKey.toString('base64'),
    };
    const first = await rotate(env, cwd);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Re-encrypted 3 integration(s) (0 already on the new key)');
    await expectDecryptsWith(newKey, ids);
    await expect(expectDecryptsWith(oldKey, ids)).rejects.toThrow(/another key/);

    const again = await rotate(env, cwd);
    expect(again.out).toContain('Re-encrypted 0 integration(s) (3 already on the new key)');
    await expectDecryptsWith(newKey, ids);

    const missing = await rotate(
      { DATABASE_URL: t.config.databaseUrl, DATA_ENCRYPTION_KEY: newKey.toString('base64') },
      cwd,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('NEW_DATA_ENCRYPTION_KEY');
  });

  it('replaces the generated key file (mode 0600) only after the tokens are re-encrypted', async () => {
    // the data folder the command will use: beside the SQLite file, or ./data of its working folder
    const dataDir = dbKind === 'sqlite' ? t.ctx.dataDir : join(cwd, 'data');
    mkdirSync(dataDir, { recursive: true });
    const oldKey = randomBytes(32);
    writeFileSync(join(dataDir, KEY_FILE_NAME), oldKey.toString('base64') + '\n', { mode: 0o600 });
    const ids = await seed(oldKey, 2);

    const res = await rotate({ DATABASE_URL: t.config.databaseUrl }, cwd);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const file = join(dataDir, KEY_FILE_NAME);
    const newKey = parseKey(readFileSync(file, 'utf8'), file);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, `${KEY_FILE_NAME}.next`))).toBe(false);
    await expectDecryptsWith(newKey, ids);
  });

  it('stops at a token under an unknown key, naming its row, without losing the others', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const ids = await seed(oldKey, 2);
    const stranger = await seed(randomBytes(32), 1);
    const res = await rotate(
      {
        DATABASE_URL: t.config.databaseUrl,
        DATA_ENCRYPTION_KEY: oldKey.toString('base64'),
        NEW_DATA_ENCRYPTION_KEY: newKey.toString('base64'),
      },
      cwd,
    );
    expect(res.code).toBe(1);
    expect(res.err).toContain(stranger[0]);
    expect(res.err).toContain('another key');
    // the batch holding the stranger was rolled back whole: the others are still readable with the old key
    await expectDecryptsWith(oldKey, ids);
  });
});
