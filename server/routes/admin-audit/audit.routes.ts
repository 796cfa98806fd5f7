import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '../../../contract/admin.ts';
import type { AppContext } from '../../context.ts';
import { listAudit } from '../../repositories/audit.repository.ts';
import { keysetPage } from '../../lib/keyset-cursor.ts';

/** The audit log for admins: who did what, when. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'The audit log: who did what, when, newest first',
          querystring: AuditQuery,
          response: { 200: AuditPage },
        },
        config: { action: 'audit:read' },
      },
      async (req) => {
        const { rows, nextCursor } = await keysetPage(
          req.query,
          (after, limit) => listAudit(ctx.db, { after, limit }),
          (r) => r.at,
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            at: r.at,
            actor: r.actor_id && r.actor_username ? { id: r.actor_id, username: r.actor_username } : null,
            action: r.action,
            target: r.target,
            detail: JSON.parse(r.detail) as Record<string, unknown>,
          })),
          nextCursor,
        };
      },
    );
  };
}
