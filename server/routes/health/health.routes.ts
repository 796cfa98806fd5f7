import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../../contract/me.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { presentHealthItem } from '../../presenters/present-health-item.ts';
import { deleteForUser, findForUser } from '../../health/health-data.repository.ts';
import {
  createHealthItem,
  listHealthItems,
  updateHealthItem,
  type HealthDeps,
} from '../../health/health-data.service.ts';
import { HEALTH_KINDS, type AnyKind } from '../../health/health-kinds.ts';
import { loadDataCipher } from '../../lib/data-encryption.ts';

/** The app as the route plugins see it: request types come from the route schemas. */
type App = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * The five routes of one kind, built from its descriptor: the CRUD is written once for all six
 * kinds, so they cannot drift apart. Every route needs 'health:manage' (full access only).
 * Request types come from the kind's schemas through the TypeBox type provider: each route
 * validates exactly what its handler reads.
 */
function kindRoutes(app: App, deps: HealthDeps, kind: AnyKind): void {
  const { path, schemas } = kind;
  const config = { action: 'health:manage' as const };
  const tags = ['health'];
  const { name } = kind;
  const plural = `${name}s`;
  const aName = `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;

  app.get(
    path,
    {
      schema: {
        tags,
        summary: `List your ${plural}, by date`,
        querystring: schemas.query,
        response: { 200: schemas.page },
      },
      config,
    },
    async (req) => {
      const { rows, nextCursor } = await listHealthItems(deps, kind, actorOf(req).id, req.query);
      return { items: rows.map((row) => presentHealthItem(kind, row)), nextCursor };
    },
  );

  app.post(
    path,
    { schema: { tags, summary: `Add ${aName}`, body: schemas.create, response: { 201: schemas.item } }, config },
    async (req, reply) => {
      const row = await createHealthItem(deps, kind, actorOf(req).id, req.body);
      return reply.code(201).send(presentHealthItem(kind, row));
    },
  );

  app.get(
    `${path}/:id`,
    { schema: { tags, summary: `Read ${aName}`, params: IdParams, response: { 200: schemas.item } }, config },
    async (req) => {
      const { id } = req.params;
      const row = await findForUser(deps.db, kind, actorOf(req).id, id);
      if (!row) throw errors.notFound(kind.name);
      return presentHealthItem(kind, row);
    },
  );

  app.patch(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: `Change ${aName}`,
        params: IdParams,
        body: schemas.patch,
        response: { 200: schemas.item },
      },
      config,
    },
    async (req) => {
      const { id } = req.params;
      return presentHealthItem(kind, await updateHealthItem(deps, kind, actorOf(req).id, id, req.body));
    },
  );

  app.delete(
    `${path}/:id`,
    { schema: { tags, summary: `Delete ${aName}`, params: IdParams }, config },
    async (req, reply) => {
      const { id } = req.params;
      if (!(await deleteForUser(deps.db, kind, actorOf(req).id, id))) throw errors.notFound(kind.name);
      return reply.code(204).send();
    },
  );
}

/**
 * Health records, check-ins, interventions, observations, lab results and integrations.
 * Loads the data encryption key at start-up, so a missing or unreadable key stops the start.
 */
export function healthDataRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const deps: HealthDeps = { db: ctx.db, dialect: ctx.dialect, clock: ctx.clock, cipher: loadDataCipher(ctx) };
  return async (app) => {
    for (const kind of HEALTH_KINDS) kindRoutes(app, deps, kind);
  };
}
