import type { Config } from '../config.ts';

/** `baseline backup` (issue 14): not built yet. */
export async function backupCommand(_config: Config, _args: string[]): Promise<string> {
  throw new Error('baseline backup is not built yet.');
}
