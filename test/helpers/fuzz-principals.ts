import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { hashPassword } from '../../server/lib/passwords.ts';
import { findUserByUsername, updateUser } from '../../server/repositories/users.repository.ts';
import { createUser, login, PASSWORD } from './factories.ts';
import { bearer, body } from './test-app.ts';

/** The three signed-in callers of the fuzzer, as they must stay: an admin, a user, and a disabled user. */
const WANTED = {
  admin: { username: 'fuzz-admin', role: 'admin', status: 'active' },
  user: { username: 'fuzz-user', role: 'user', status: 'active' },
  disabled: { username: 'fuzz-disabled', role: 'user', status: 'disabled' },
} as const;

/** The name of one of the fuzzer's principals. */
export type PrincipalName = keyof typeof WANTED;

/**
 * The fuzzer's principals and their current access tokens. A request the server accepts may
 * delete, disable, demote, log out or re-password one of them (that is what the API is for);
 * `restore` then puts the account back as WANTED says, directly in the database, and signs in
 * again, so that every later request is still sent as the caller it names.
 */
export class FuzzPrincipals {
  readonly tokens: Record<PrincipalName, string> = { admin: '', user: '', disabled: '' };
  readonly ids: Record<PrincipalName, string> = { admin: '', user: '', disabled: '' };
  /** how often an accepted request had changed a principal, so that it was put back */
  restored = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ctx: AppContext,
  ) {}

  /** Creates the three accounts and signs each in. */
  async create(): Promise<void> {
    for (const name of Object.keys(WANTED) as PrincipalName[]) {
      const want = WANTED[name];
      const user = await createUser(this.ctx, { username: want.username, role: want.role, status: want.status });
      this.ids[name] = user.id;
      this.tokens[name] = (await login(this.app, want.username)).accessToken;
    }
  }

  /** The usernames, for the fuzzer's pool of known values. */
  usernames(): string[] {
    return Object.values(WANTED).map((w) => w.username);
  }

  /** Checks each principal through GET /me with its token; puts back any that an accepted request changed. */
  async restore(): Promise<void> {
    for (const name of Object.keys(WANTED) as PrincipalName[]) {
      const want = WANTED[name];
      const me = await this.app.inject({ url: '/api/v1/me', headers: bearer(this.tokens[name]) });
      const seen = me.statusCode === 200 ? body(me) : null;
      if (seen && seen.role === want.role && seen.status === want.status) continue;
      this.restored++;
      const now = this.ctx.clock.now().toISOString();
      const existing = await findUserByUsername(this.ctx.db, want.username);
      if (!existing) {
        const user = await createUser(this.ctx, { username: want.username, role: want.role, status: want.status });
        this.ids[name] = user.id;
      } else {
        await updateUser(
          this.ctx.db,
          existing.id,
          { role: want.role, status: want.status, passwordHash: await passwordHash() },
          now,
        );
        this.ids[name] = existing.id;
      }
      // failed logins the fuzzer sent against this name must not lock the principal out
      await this.ctx.db.deleteFrom('login_failures').execute();
      this.tokens[name] = (await login(this.app, want.username)).accessToken;
    }
  }
}

let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));
