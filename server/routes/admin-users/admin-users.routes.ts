import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminUser, AdminUserListQuery, AdminUserPage, PatchAdminUserBody } from '../../../contract/admin.ts';
import { IdParams } from '../../../contract/me.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { presentAdminUser } from '../../presenters/present-user.ts';
import { findAdminUser, listUsers } from '../../repositories/users.repository.ts';
import { authMethodsFor } from '../../repositories/identities.repository.ts';
import { keysetPage } from '../../lib/keyset-cursor.ts';
import { changeUser } from '../../services/change-user.service.ts';
import { deleteAccount } from '../../services/delete-account.service.ts';

/** Admin user management: list and search, open, change role or status, delete. */
export function adminUserRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const config = { action: 'users:manage' as const };
    const load = async (id: string) => {
      const row = await findAdminUser(ctx.db, id);
      if (!row) throw errors.notFound('user');
      return presentAdminUser(row, (await authMethodsFor(ctx.db, [row])).get(row.id) ?? []);
    };

    app.get(
      '/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'List and search users, by username',
          querystring: AdminUserListQuery,
          response: { 200: AdminUserPage },
        },
        config,
      },
      async (req) => {
        const { q, role, status } = req.query;
        const { rows, nextCursor } = await keysetPage(
          req.query,
          (after, limit) => listUsers(ctx.db, { q, role, status, after, limit }),
          (r) => r.username_key,
        );
        const methods = await authMethodsFor(ctx.db, rows);
        return { items: rows.map((r) => presentAdminUser(r, methods.get(r.id) ?? [])), nextCursor };
      },
    );

    app.get(
      '/admin/users/:id',
      { schema: { tags: ['admin'], summary: 'One user', params: IdParams, response: { 200: AdminUser } }, config },
      async (req) => load(req.params.id),
    );

    app.patch(
      '/admin/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: "Change a user's role or status",
          params: IdParams,
          body: PatchAdminUserBody,
          response: { 200: AdminUser },
        },
        config: { ...config, problems: ['cannot_disable_self', 'last_admin'] },
      },
      async (req) => {
        await changeUser(ctx, actorOf(req).id, req.params.id, req.body);
        return load(req.params.id);
      },
    );

    app.delete(
      '/admin/users/:id',
      {
        schema: { tags: ['admin'], summary: 'Delete a user and all their data', params: IdParams },
        config: { ...config, problems: ['cannot_delete_self', 'last_admin'] },
      },
      async (req, reply) => {
        await deleteAccount(ctx, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
