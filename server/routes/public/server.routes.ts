import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { ServerInfo, SetupBody, TokenResponse } from '../../../contract/auth.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { respondWithTokens } from '../auth/refresh-cookie.ts';
import { countUsers } from '../../repositories/users.repository.ts';
import { runSetup } from '../../services/setup.service.ts';
import { VERSION } from '../../version.ts';

/** What a client needs before signing in, and first-admin setup. */
export function serverRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/server',
      {
        schema: {
          tags: ['public'],
          summary: 'What a client needs before signing in: invites, setup, providers, version',
          response: { 200: ServerInfo },
        },
        config: { action: 'public' },
      },
      async () => ({
        requireInvite: ctx.config.requireInvite,
        setupRequired: (await countUsers(ctx.db)) === 0,
        providers: {
          password: true as const,
          google: ctx.config.google.clientIds.length > 0,
          apple: ctx.config.apple.clientIds.length > 0,
        },
        version: VERSION,
      }),
    );

    app.post(
      '/setup',
      {
        schema: {
          tags: ['public'],
          summary: 'Create the first account, an admin, with the one-time setup token',
          body: SetupBody,
          response: { 201: TokenResponse },
        },
        config: {
          action: 'public',
          rateLimit: limits.setup,
          problems: ['forbidden', 'setup_done', 'password_too_common'],
        },
      },
      async (req, reply) => {
        const { cookie, ...input } = req.body;
        const tokens = await runSetup(ctx, input, req.headers['user-agent']);
        return reply.code(201).send(await respondWithTokens(ctx, reply, tokens, cookie === true));
      },
    );
  };
}

/** Liveness and readiness probes, outside /api/v1. */
export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const probe = { schema: { hide: true }, config: { action: 'public' as const } };
    app.get('/healthz', probe, async () => ({ status: 'ok' }));
    app.get('/readyz', probe, async () => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' };
      } catch {
        throw errors.notReady();
      }
    });
  };
}
