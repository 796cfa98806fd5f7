import type { Config } from '../config.ts';

/** `baseline restore` (issue 14): not built yet. */
export async function restoreCommand(_config: Config, _args: string[]): Promise<string> {
  throw new Error('baseline restore is not built yet.');
}
