import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../../contract/me.ts';
import { CreateInviteBody, Invite, InviteDetail, InviteListQuery, InvitePage } from '../../../contract/invites.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { presentInvite } from '../../presenters/present-invite.ts';
import { findInviteWithCreator, listInvites } from '../../repositories/invites.repository.ts';
import { usersOfInvite } from '../../repositories/users.repository.ts';
import { keysetPage } from '../../lib/keyset-cursor.ts';
import { createInvite, revokeInviteById } from '../../services/manage-invites.service.ts';

/** Admin invite management: create, list by state, open one with its users, revoke. */
export function adminInviteRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const config = { action: 'invites:manage' as const };
    const load = async (id: string) => {
      const row = await findInviteWithCreator(ctx.db, id);
      if (!row) throw errors.notFound('invite');
      return presentInvite(row, ctx.config.publicUrl, ctx.clock.now());
    };

    app.post(
      '/admin/invites',
      {
        schema: { tags: ['admin'], summary: 'Create an invite', body: CreateInviteBody, response: { 201: Invite } },
        config,
      },
      async (req, reply) => {
        const invite = await createInvite(ctx, actorOf(req).id, req.body);
        return reply.code(201).send(await load(invite.id));
      },
    );

    app.get(
      '/admin/invites',
      {
        schema: {
          tags: ['admin'],
          summary: 'List invites, newest first, by state',
          querystring: InviteListQuery,
          response: { 200: InvitePage },
        },
        config,
      },
      async (req) => {
        const now = ctx.clock.now();
        const { rows, nextCursor } = await keysetPage(
          req.query,
          (after, limit) => listInvites(ctx.db, { state: req.query.state, now: now.toISOString(), after, limit }),
          (r) => r.created_at,
        );
        return { items: rows.map((r) => presentInvite(r, ctx.config.publicUrl, now)), nextCursor };
      },
    );

    app.get(
      '/admin/invites/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'One invite and the accounts made with it',
          params: IdParams,
          response: { 200: InviteDetail },
        },
        config,
      },
      async (req) => {
        const invite = await load(req.params.id);
        const users = await usersOfInvite(ctx.db, req.params.id);
        return { ...invite, users: users.map((u) => ({ id: u.id, username: u.username, createdAt: u.created_at })) };
      },
    );

    app.post(
      '/admin/invites/:id/revoke',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke an invite (again changes nothing)',
          params: IdParams,
          response: { 200: Invite },
        },
        config,
      },
      async (req) => {
        await revokeInviteById(ctx, actorOf(req).id, req.params.id);
        return load(req.params.id);
      },
    );
  };
}
