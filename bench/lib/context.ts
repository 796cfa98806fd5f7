import type { Row } from './report.ts';
import type { BaselineEnv, Started } from './processes.ts';
import type { BulkWriter } from './seed.ts';

/** What every scenario gets: the running servers, the database under them, the admin's token. */
export interface SuiteContext {
  db: 'sqlite' | 'postgres';
  env: BaselineEnv;
  /** the real server (replaced when a scenario restarts it) */
  server: Started;
  bare: Started;
  writer: BulkWriter;
  adminToken: string;
  /** an unlimited invite for the accounts scenarios register */
  inviteCode: string;
  /** figures one scenario leaves for another (our login rate for the peer comparison…) */
  shared: Record<string, number>;
  /** where CPU profiles go when --profile is given, else undefined */
  profileDir?: string;
  log(line: string): void;
  /** restarts the real server (same database); resolves with the milliseconds to /readyz */
  restart(): Promise<number>;
}

/** One scenario of the suite. */
export interface Scenario {
  id: string;
  /** what it does, for --list */
  title: string;
  run(ctx: SuiteContext): Promise<Row[]>;
}

/** A unique name for accounts a scenario creates. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
