import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { User } from '../../../contract/auth.ts';
import { LinkIdentityBody, ProviderParams } from '../../../contract/providers.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { loadAndPresentUser } from '../../presenters/present-user.ts';
import { requireProvider } from '../../services/identity-providers.ts';
import { linkIdentity, unlinkIdentity } from '../../services/link-identity.service.ts';

/** Linking and unlinking Google and Apple from the caller's own account (Settings). */
export function identityRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/me/identities/:provider',
      { schema: { tags: ['me'], params: ProviderParams, body: LinkIdentityBody, response: { 200: User } }, config: { action: 'identities:manage', rateLimit: limits.login } },
      async (req) => {
        const provider = requireProvider(ctx, req.params.provider);
        const user = await linkIdentity(ctx, actorOf(req), provider, req.body.idToken, req.body.nonce);
        return loadAndPresentUser(ctx.db, user);
      },
    );

    app.delete('/me/identities/:provider', { schema: { tags: ['me'], params: ProviderParams }, config: { action: 'identities:manage' } }, async (req, reply) => {
      await unlinkIdentity(ctx, actorOf(req), req.params.provider);
      return reply.code(204).send();
    });
  };
}
