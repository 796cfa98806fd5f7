import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeleteMeBody } from '../../../contract/admin.ts';
import { User } from '../../../contract/auth.ts';
import { IdParams, PatchMeBody, SessionList } from '../../../contract/me.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { actorAuthMethodsOf, actorOf } from '../../plugins/auth.plugin.ts';
import { presentUser } from '../../presenters/present-user.ts';
import { authMethodsOf } from '../../repositories/identities.repository.ts';
import { endSessionOfUser, listOpenSessions } from '../../repositories/sessions.repository.ts';
import { updateAccount } from '../../services/update-account.service.ts';
import { deleteOwnAccount } from '../../services/delete-account.service.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { clearRefreshCookie } from '../auth/refresh-cookie.ts';

/** The caller's own account and sessions. */
export function meRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me',
      { schema: { tags: ['me'], summary: 'Your account', response: { 200: User } }, config: { action: 'me:read' } },
      async (req) => {
        const { user } = actorOf(req);
        // read with the actor, in the request's one query (auth.plugin.ts)
        return presentUser(user, actorAuthMethodsOf(req) ?? (await authMethodsOf(ctx.db, user)));
      },
    );

    // PATCH and DELETE /me check passwords: rate limited like login, so a stolen access token
    // cannot be used to guess the password
    app.patch(
      '/me',
      {
        schema: { tags: ['me'], summary: 'Change your email or password', body: PatchMeBody, response: { 200: User } },
        config: { action: 'me:update', rateLimit: limits.login, problems: ['email_taken', 'password_too_common'] },
      },
      async (req) => {
        const user = await updateAccount(ctx, actorOf(req), req.body);
        return presentUser(user, await authMethodsOf(ctx.db, user));
      },
    );

    app.delete(
      '/me',
      {
        schema: { tags: ['me'], summary: 'Delete your account and all its data', body: DeleteMeBody },
        config: { action: 'me:delete', rateLimit: limits.login, problems: ['last_admin'] },
      },
      async (req, reply) => {
        await deleteOwnAccount(ctx, actorOf(req).id, req.body);
        clearRefreshCookie(reply);
        return reply.code(204).send();
      },
    );

    app.get(
      '/me/sessions',
      {
        schema: { tags: ['me'], summary: 'Your open sessions', response: { 200: SessionList } },
        config: { action: 'sessions:manage' },
      },
      async (req) => {
        const actor = actorOf(req);
        const rows = await listOpenSessions(ctx.db, actor.id, ctx.clock.now().toISOString());
        return {
          items: rows.map((s) => ({
            id: s.id,
            createdAt: s.created_at,
            lastUsedAt: s.last_used_at,
            userAgent: s.user_agent,
            current: s.id === actor.sessionId,
          })),
        };
      },
    );

    app.delete(
      '/me/sessions/:id',
      {
        schema: { tags: ['me'], summary: 'End one of your sessions', params: IdParams },
        config: { action: 'sessions:manage' },
      },
      async (req, reply) => {
        const ended = await endSessionOfUser(ctx.db, actorOf(req).id, req.params.id, ctx.clock.now().toISOString());
        if (!ended) throw errors.notFound('session');
        return reply.code(204).send();
      },
    );
  };
}
