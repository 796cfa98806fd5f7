import type { Config } from '../config.ts';

/** `baseline doctor` (issue 14): not built yet. */
export async function doctorCommand(_config: Config, _args: string[]): Promise<string> {
  throw new Error('baseline doctor is not built yet.');
}
