import type { Db, DialectName } from '../db/database.ts';
import type { DataCipher } from '../lib/data-encryption.ts';
import { FLOW_KEY_SECRET } from '../lib/flow-cookie.ts';
import { REFRESH_SUCCESSOR_SECRET } from '../lib/refresh-successors.ts';
import { discardUnreadableSecret, resealSecret, type ResealOutcome } from '../lib/sealed-secrets.ts';
import { SETUP_TOKEN_SECRET } from './setup.service.ts';

/**
 * Every server secret kept sealed with the data key by sealed-secrets.ts: what the key commands
 * go over. The access-token signing keys are sealed too, but have their own (rotate-signing-key.service.ts).
 */
export const SEALED_SERVER_SECRETS = [FLOW_KEY_SECRET, REFRESH_SUCCESSOR_SECRET, SETUP_TOKEN_SECRET];

/**
 * Part of `baseline rotate-encryption-key`: each secret sealed again under the new data key (see
 * resealSecret), one transaction each. Counts by outcome; `dropped` names what was under neither key.
 */
export async function resealServerSecrets(
  db: Db,
  dialect: DialectName,
  from: DataCipher,
  to: DataCipher,
): Promise<Record<ResealOutcome, number> & { droppedLabels: string[] }> {
  const result = { resealed: 0, already: 0, dropped: 0, absent: 0, droppedLabels: [] as string[] };
  for (const secret of SEALED_SERVER_SECRETS) {
    const outcome = await resealSecret(db, dialect, secret, from, to);
    result[outcome]++;
    if (outcome === 'dropped') result.droppedLabels.push(secret.label);
  }
  return result;
}

/**
 * Part of `baseline rotate-signing-key --discard-unreadable` (the data key was lost): drops each
 * secret this data key cannot open, so that the server starts again and makes new ones. Their labels.
 */
export async function discardUnreadableServerSecrets(
  db: Db,
  dialect: DialectName,
  cipher: DataCipher,
): Promise<string[]> {
  const dropped: string[] = [];
  for (const secret of SEALED_SERVER_SECRETS)
    if (await discardUnreadableSecret(db, dialect, secret, cipher)) dropped.push(secret.label);
  return dropped;
}
