import type { Db } from '../db/database.ts';
import { listIntegrationSecrets, setIntegrationSecrets } from '../health/health-data.repository.ts';
import { tokenContext } from '../health/secrets.ts';
import { keyIdOfValue, type DataCipher } from '../lib/data-encryption.ts';

/** Rows re-encrypted per transaction: a crash loses at most one batch of work, never a token. */
const BATCH = 500;

export interface RotationResult {
  reencrypted: number;
  alreadyOnNewKey: number;
}

/**
 * Re-encrypts every integration token (all users) from the old key to the new one. Values
 * already under the new key are left alone, so an interrupted rotation can simply be run
 * again with the same two keys. A value under a third key stops the run, naming its row.
 */
export async function reencryptIntegrationTokens(db: Db, from: DataCipher, to: DataCipher): Promise<RotationResult> {
  const result: RotationResult = { reencrypted: 0, alreadyOnNewKey: 0 };
  const move = (value: string, context: string, rowId: string): string => {
    if (keyIdOfValue(value) === to.keyId) return value;
    try {
      return to.encrypt(from.decrypt(value, context), context);
    } catch (err) {
      throw new Error(`Integration ${rowId}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };
  let after: string | null = null;
  for (;;) {
    const rows = await listIntegrationSecrets(db, after, BATCH);
    if (rows.length === 0) return result;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        if (
          keyIdOfValue(row.access_token_enc) === to.keyId &&
          (row.refresh_token_enc === null || keyIdOfValue(row.refresh_token_enc) === to.keyId)
        ) {
          result.alreadyOnNewKey++;
          continue;
        }
        const access = move(row.access_token_enc, tokenContext('access_token_enc', row.id), row.id);
        const refresh =
          row.refresh_token_enc === null
            ? null
            : move(row.refresh_token_enc, tokenContext('refresh_token_enc', row.id), row.id);
        await setIntegrationSecrets(trx, row.id, access, refresh);
        result.reencrypted++;
      }
    });
    after = rows[rows.length - 1].id;
  }
}
