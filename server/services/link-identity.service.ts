import type { Actor, AppContext, InTransaction } from '../context.ts';
import type { Db } from '../db/database.ts';
import { uniqueViolation } from '../db/dialect.ts';
import { errors } from '../errors.ts';
import { authorizeLink, authorizeUnlink, type SignInMethods } from '../policies/sign-in-methods.policy.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  deleteIdentitiesOfProvider,
  findIdentity,
  insertIdentity,
  listIdentitiesOfUser,
} from '../repositories/identities.repository.ts';
import { updateUser, type UserRow } from '../repositories/users.repository.ts';
import type { IdentityProvider, ProviderName } from '../lib/identity-providers.ts';
import { requireSentNonce, spendIdToken } from './provider-nonce.service.ts';

/**
 * Bumps the account's updated_at as the transaction's first write: on PostgreSQL that locks
 * the user's row, on SQLite it takes the database write lock, so two identity changes of one
 * account (two unlinks in two tabs) run one after the other and see each other's result.
 */
async function lockAccount(ctx: InTransaction, trx: Db, userId: string): Promise<UserRow> {
  const user = await updateUser(trx, userId, {}, ctx.clock.now().toISOString());
  if (!user) throw errors.unauthenticated('This account no longer exists.');
  return user;
}

/** How the account signs in now: what the sign-in-methods policy decides on. */
async function signInMethodsOf(trx: Db, user: UserRow): Promise<SignInMethods> {
  const identities = await listIdentitiesOfUser(trx, user.id);
  return { hasPassword: Boolean(user.password_hash), providers: identities.map((i) => i.provider) };
}

/**
 * The ID token that proves the identity, and the nonce it was minted for: from an app, a link
 * nonce of POST /me/identities/nonce issued to this very account (required, spent here); from the dashboard's web flow, the flow's own nonce,
 * already bound to this browser by the sealed flow cookie.
 */
export interface LinkProof {
  idToken: string;
  nonce: string | undefined;
  from: 'app' | 'web-flow';
}

/**
 * Links a Google or Apple identity to the signed-in account, proven by a fresh ID token.
 * The token is spent with the link (provider-nonce.service.ts): a token seen before, or one not
 * minted for an unused link nonce issued to the signed-in account, links nothing, so a leaked token cannot hand someone's
 * later sign-ins to another account.
 * sign-in-methods.policy.ts decides: an identity that signs in to another account is refused
 * (identity_taken), as is a second identity of the same provider; linking the same identity
 * again changes nothing.
 */
export async function linkIdentity(
  ctx: AppContext,
  actor: Actor,
  provider: IdentityProvider,
  proof: LinkProof,
): Promise<UserRow> {
  const identity = await provider.issuer.verifyIdToken(proof.idToken, proof.nonce);
  if (proof.from === 'app') requireSentNonce(proof.nonce);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const user = await lockAccount(ctx, trx, actor.id);
      await spendIdToken(ctx, trx, provider.name, identity, {
        for: 'link',
        userId: actor.id,
        required: proof.from === 'app',
      });
      const owner = (await findIdentity(trx, provider.name, identity.subject))?.user_id;
      if (authorizeLink(actor, { owner }, await signInMethodsOf(trx, user), provider.name) === 'already_linked')
        return user;
      const now = ctx.clock.now();
      await insertIdentity(trx, {
        id: newId(now),
        user_id: actor.id,
        provider: provider.name,
        subject: identity.subject,
        email: identity.email,
        created_at: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          actorId: actor.id,
          action: 'identity.linked',
          target: `user:${actor.id}`,
          detail: { provider: provider.name },
        },
        now,
      );
      return user;
    });
  } catch (err) {
    if (uniqueViolation(err)?.includes('identities')) throw errors.identityTaken();
    throw err;
  }
}

/**
 * Unlinks a provider from the signed-in account, unless sign-in-methods.policy.ts refuses: it
 * must be linked, and the account must keep a way to sign in (last_sign_in_method).
 * Works whether or not the provider is still configured, so a removed provider can be cleaned up.
 */
export async function unlinkIdentity(ctx: AppContext, actor: Actor, provider: ProviderName): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await lockAccount(ctx, trx, actor.id);
    authorizeUnlink(await signInMethodsOf(trx, user), provider);
    await deleteIdentitiesOfProvider(trx, actor.id, provider);
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'identity.unlinked', target: `user:${actor.id}`, detail: { provider } },
      ctx.clock.now(),
    );
  });
}
