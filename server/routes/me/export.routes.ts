import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ExportList, ExportQuery } from '../../../contract/health.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { listExportsForUser } from '../../repositories/exports.repository.ts';
import { presentExport, startExport } from '../../services/export-data.service.ts';

/** The caller's export and export history; part of the limited set, so disabled accounts keep them. */
export function exportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/export',
      // no automatic HEAD route: a HEAD request would otherwise run a whole export and record it
      { schema: { tags: ['me'], querystring: ExportQuery }, config: { action: 'me:export' }, exposeHeadRoute: false },
      async (req, reply) => {
        const download = await startExport(ctx, actorOf(req).id, req.query.format ?? 'json');
        return reply
          .header('content-type', download.contentType)
          .header('content-disposition', `attachment; filename="${download.filename}"`)
          .header('cache-control', 'no-store')
          .send(download.stream);
      },
    );

    app.get('/me/exports', { schema: { tags: ['me'], response: { 200: ExportList } }, config: { action: 'me:export' } }, async (req) => ({
      items: (await listExportsForUser(ctx.db, actorOf(req).id)).map(presentExport),
    }));
  };
}
