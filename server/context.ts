import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DialectName } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { AccessTokens } from './lib/access-tokens.ts';
import type { RefreshSuccessors } from './lib/refresh-successors.ts';
import type { UserRow } from './repositories/users.repository.ts';

/** What services need from the running server; built once in buildApp, passed explicitly. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dialect: DialectName;
  dataDir: string;
  clock: Clock;
  tokens: AccessTokens;
  /** derives each refresh token's successor (see refresh-successors.ts) */
  refreshSuccessors: RefreshSuccessors;
  log: FastifyBaseLogger;
}

/** Who is calling: loaded from the database on every authenticated request. */
export interface Actor {
  id: string;
  username: string;
  role: 'admin' | 'user';
  status: 'active' | 'disabled';
  sessionId: string;
  /** the whole user row as read for this request */
  user: UserRow;
}
