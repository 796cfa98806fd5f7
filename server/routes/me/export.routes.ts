import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ExportLink, ExportLinkBody, ExportList, ExportQuery, ExportTicketParams } from '../../../contract/health.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { listExportsForUser } from '../../repositories/exports.repository.ts';
import { writeExport } from '../../presenters/export-document.ts';
import { presentExport } from '../../presenters/present-export.ts';
import { startExport, type ExportDownload } from '../../services/export-data.service.ts';
import { createExportTicket, redeemExportTicket } from '../../services/export-link.service.ts';

/** Streams an export as a file to save; never cached (it is all of someone's data). */
function sendDownload(reply: FastifyReply, download: ExportDownload): FastifyReply {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .header('cache-control', 'no-store')
    .send(download.stream);
}

/** The caller's export and export history; part of the limited set, so disabled accounts keep them. */
export function exportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/export',
      // no automatic HEAD route: a HEAD request would otherwise run a whole export and record it
      {
        schema: {
          tags: ['me'],
          summary: 'Download all your data, JSON or ZIP (kept in your export history)',
          querystring: ExportQuery,
        },
        config: { action: 'me:export' },
        exposeHeadRoute: false,
      },
      async (req, reply) =>
        sendDownload(reply, await startExport(ctx, actorOf(req).id, req.query.format ?? 'json', writeExport)),
    );

    // a browser saves a download to disk only when it follows a link, and a link carries no
    // Authorization header: the page asks for a one-time link, then navigates to it
    app.post(
      '/me/export/link',
      {
        schema: {
          tags: ['me'],
          summary: 'A one-time link to download an export from a browser',
          body: ExportLinkBody,
          response: { 201: ExportLink },
        },
        config: { action: 'me:export', rateLimit: limits.exportLink },
      },
      async (req, reply) => {
        const { ticket, expiresAt } = await createExportTicket(ctx, actorOf(req).id, req.body.format);
        return reply.code(201).send({ url: `${app.prefix}/me/export/download/${ticket}`, expiresAt });
      },
    );

    // public: the ticket in the path is the whole authorization, spent by the first GET (so no HEAD)
    app.get(
      '/me/export/download/:ticket',
      {
        schema: { tags: ['me'], summary: 'Download an export through its one-time link', params: ExportTicketParams },
        config: { action: 'public', problems: ['not_found'] },
        exposeHeadRoute: false,
      },
      async (req, reply) => sendDownload(reply, await redeemExportTicket(ctx, req.params.ticket, writeExport)),
    );

    app.get(
      '/me/exports',
      {
        schema: { tags: ['me'], summary: 'Your export history', response: { 200: ExportList } },
        config: { action: 'me:export' },
      },
      async (req) => ({
        items: (await listExportsForUser(ctx.db, actorOf(req).id)).map(presentExport),
      }),
    );
  };
}
