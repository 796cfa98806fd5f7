import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { User } from '../../../contract/auth.ts';
import { LinkIdentityBody, LinkIntent, ProviderNonce, ProviderParams } from '../../../contract/providers.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { presentUser } from '../../presenters/present-user.ts';
import { authMethodsOf } from '../../repositories/identities.repository.ts';
import { FLOW_COOKIE_PATH, LINK_COOKIE } from '../../lib/flow-cookie.ts';
import { createGoogleLinkIntent, LINK_TICKET_TTL_MS } from '../../services/google-web-flow.service.ts';
import { requireProvider } from '../../lib/identity-providers.ts';
import { linkIdentity, unlinkIdentity } from '../../services/link-identity.service.ts';
import { issueProviderNonce } from '../../services/provider-nonce.service.ts';

/** Linking and unlinking Google and Apple from the caller's own account (Settings). */
export function identityRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // the dashboard links Google through the browser flow: it gets a URL to navigate to, and this
    // browser gets the ticket's binder as a cookie that only the authorize step receives
    app.post(
      '/me/identities/google/link-intent',
      {
        schema: {
          tags: ['me'],
          summary: 'Start linking Google in the browser: a URL to navigate to',
          response: { 201: LinkIntent },
        },
        config: { action: 'identities:manage', rateLimit: limits.login, problems: ['not_found'] },
      },
      async (req, reply) => {
        const { url, binder } = await createGoogleLinkIntent(ctx, actorOf(req));
        const secure = ctx.config.publicUrl.startsWith('https:');
        reply.setCookie(LINK_COOKIE, binder, {
          httpOnly: true,
          secure,
          sameSite: 'strict',
          path: FLOW_COOKIE_PATH,
          maxAge: LINK_TICKET_TTL_MS / 1000,
        });
        return reply.code(201).header('cache-control', 'no-store').send({ url });
      },
    );

    // before the provider's prompt in an app: the nonce to link with, single-use, issued to this
    // account only, so a token minted for someone else's nonce (a leaked one) cannot be linked here
    app.post(
      '/me/identities/nonce',
      {
        schema: {
          tags: ['me'],
          summary: 'A single-use nonce for linking Google or Apple to this account (ten minutes)',
          response: { 201: ProviderNonce },
        },
        config: { action: 'identities:manage', rateLimit: limits.login },
      },
      async (req, reply) => {
        const nonce = await issueProviderNonce(ctx, actorOf(req).id);
        return reply.code(201).header('cache-control', 'no-store').send(nonce);
      },
    );

    app.post(
      '/me/identities/:provider',
      {
        schema: {
          tags: ['me'],
          summary: 'Link a Google or Apple account by an ID token minted for a link nonce',
          params: ProviderParams,
          body: LinkIdentityBody,
          response: { 200: User },
        },
        config: {
          action: 'identities:manage',
          rateLimit: limits.login,
          problems: [
            'not_found',
            'identity_taken',
            'provider_already_linked',
            'provider_unavailable',
            'nonce_invalid',
            'provider_token_replayed',
          ],
        },
      },
      async (req) => {
        const provider = requireProvider(ctx, req.params.provider);
        const { idToken, nonce } = req.body;
        const user = await linkIdentity(ctx, actorOf(req), provider, { idToken, nonce, from: 'app' });
        return presentUser(user, await authMethodsOf(ctx.db, user));
      },
    );

    app.delete(
      '/me/identities/:provider',
      {
        schema: { tags: ['me'], summary: 'Unlink a Google or Apple account', params: ProviderParams },
        config: { action: 'identities:manage', problems: ['not_found', 'last_sign_in_method'] },
      },
      async (req, reply) => {
        await unlinkIdentity(ctx, actorOf(req), req.params.provider);
        return reply.code(204).send();
      },
    );
  };
}
