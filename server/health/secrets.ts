import type { KindSchemas } from '../../contract/health.ts';
import type { DataCipher } from '../lib/data-encryption.ts';
import { valueOf } from './health-fields.ts';
import type { KindDescriptor, PatchInput, Secret } from './kind.ts';

/** The last 4 characters of a token (by code point), shown so that a person can tell tokens apart. */
export function tokenHint(token: string): string {
  return Array.from(token).slice(-4).join('');
}

/** Additional authenticated data binding an encrypted secret to its row and column. */
export const tokenContext = (column: Secret['column'], rowId: string) => `integrations.${column}:${rowId}`;

/**
 * The encrypted columns of the secrets an input sets: each value sealed under the data key and
 * bound to this row and column, so a ciphertext copied to another row does not open; null clears
 * an optional secret. The plain value goes nowhere else.
 */
export function secretColumns<S extends KindSchemas>(
  kind: KindDescriptor<S>,
  cipher: DataCipher,
  rowId: string,
  input: PatchInput<S>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const secret of kind.secrets ?? []) {
    const value = valueOf(input, secret.field);
    if (typeof value === 'string') {
      out[secret.column] = cipher.encrypt(value, tokenContext(secret.column, rowId));
      if (secret.hintColumn) out[secret.hintColumn] = tokenHint(value);
    } else if (value === null) out[secret.column] = null;
  }
  return out;
}
