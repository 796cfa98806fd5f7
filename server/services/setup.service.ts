import { randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../lib/crypto.ts';
import type { AppContext } from '../context.ts';
import { dialect } from '../db/dialect.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { deleteSecret } from '../repositories/secrets.repository.ts';
import { countUsers, insertUser } from '../repositories/users.repository.ts';
import { refuseCommonPassword } from '../lib/common-passwords.ts';
import { hashPassword } from '../lib/passwords.ts';
import { loadDataCipher } from '../lib/data-encryption.ts';
import { loadSealedSecret, type SealedSecret } from '../lib/sealed-secrets.ts';
import { startSession, type IssuedTokens } from './sessions.service.ts';

/**
 * The generated setup token, sealed with the data key like the other server secrets: whoever reads
 * it first while no account exists becomes the admin, so a copy of the database must not hold it.
 * Only a hash would not do: every process, and every restart until setup is done, prints the link.
 */
export const SETUP_TOKEN_SECRET: SealedSecret = {
  name: 'setup_token',
  label: 'the setup token',
  generate: () => randomBytes(24).toString('base64url'),
};

type SetupContext = Pick<AppContext, 'config' | 'clock' | 'dataDir' | 'log'>;

/**
 * The one-time setup token: SETUP_TOKEN, or a random one kept in the database while no
 * account exists, so every process of a multi-process deployment prints the same link.
 */
export async function setupToken(ctx: SetupContext, db: Db): Promise<string> {
  if (ctx.config.setupToken) return ctx.config.setupToken;
  return loadSealedSecret(db, loadDataCipher(ctx), SETUP_TOKEN_SECRET, ctx.clock.now());
}

/** The setup link to print at start-up, or null once an account exists. */
export async function setupLink(ctx: SetupContext, db: Db): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  return `${ctx.config.publicUrl}/setup?token=${encodeURIComponent(await setupToken(ctx, db))}`;
}

export interface SetupInput {
  setupToken: string;
  username: string;
  password: string;
  email?: string;
}

/** Creates the first account, an admin, exactly once even if two requests race; never with a common password. */
export async function runSetup(
  ctx: AppContext,
  input: SetupInput,
  userAgent: string | undefined,
): Promise<IssuedTokens> {
  if ((await countUsers(ctx.db)) > 0) throw errors.setupDone();
  if (!constantTimeEqual(input.setupToken, await setupToken(ctx, ctx.db)))
    throw errors.forbidden('The setup token is not right.');
  refuseCommonPassword(input.password, { username: input.username, emails: [input.email] }, '/password');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    await dialect.lockAdmins(trx, ctx.dialect);
    if ((await countUsers(trx)) > 0) throw errors.setupDone();
    const now = ctx.clock.now();
    const user = await insertUser(trx, {
      id: newId(now),
      username: input.username,
      email: input.email ?? null,
      passwordHash,
      role: 'admin',
      inviteId: null,
      invitedById: null,
      now: now.toISOString(),
    });
    await recordAudit(trx, { actorId: user.id, action: 'server.setup', target: `user:${user.id}` }, now);
    await deleteSecret(trx, SETUP_TOKEN_SECRET.name);
    return startSession(ctx, trx, user, userAgent, 'password');
  });
}
