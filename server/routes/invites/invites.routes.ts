import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeParams, InviteCheck } from '../../../contract/invites.ts';
import type { AppContext } from '../../context.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { findInviteByCode } from '../../repositories/invites.repository.ts';
import { inviteUsability, normalizeInviteCode } from '../../lib/invite-codes.ts';

/** Public, rate-limited check so the registration page can say why a code will not work before the form is filled. */
export function inviteCheckRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/invites/:code',
      {
        schema: {
          tags: ['public'],
          summary: 'Whether an invite code can be used, and if not, why',
          params: CodeParams,
          response: { 200: InviteCheck },
        },
        config: { action: 'public', rateLimit: limits.inviteCheck },
      },
      async (req) => {
        const code = normalizeInviteCode(req.params.code);
        const invite = code ? await findInviteByCode(ctx.db, code) : undefined;
        return inviteUsability(invite, ctx.clock.now());
      },
    );
  };
}
