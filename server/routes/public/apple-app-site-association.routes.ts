import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';

/** Where iOS looks for the domain's associations; fixed by Apple. */
export const AASA_PATH = '/.well-known/apple-app-site-association';

/**
 * Apple's app site association: `applinks` (the app opens this server's invite links) and
 * `webcredentials` (iOS offers the passwords saved for this server inside the app). Declared so
 * fast-json-stringify writes exactly these fields, in this order.
 */
const AppSiteAssociation = Type.Object({
  applinks: Type.Object({
    details: Type.Array(
      Type.Object({
        appIDs: Type.Array(Type.String()),
        components: Type.Array(
          Type.Object({
            '/': Type.String(),
            '?': Type.Record(Type.String(), Type.String()),
            comment: Type.String(),
          }),
        ),
      }),
    ),
  }),
  webcredentials: Type.Object({ apps: Type.Array(Type.String()) }),
});
type AppSiteAssociation = Static<typeof AppSiteAssociation>;

/** The document for one app: `/register?invite=…` (the invite link of API.md) opens it. */
export function appSiteAssociationOf(app: NonNullable<Config['iosApp']>): AppSiteAssociation {
  const appId = `${app.teamId}.${app.bundleId}`;
  return {
    applinks: {
      details: [
        {
          appIDs: [appId],
          components: [
            { '/': '/register', '?': { invite: '?*' }, comment: "invite links open the app's Sign up screen" },
          ],
        },
      ],
    },
    webcredentials: { apps: [appId] },
  };
}

/**
 * GET /.well-known/apple-app-site-association, outside /api/v1 and hidden from the OpenAPI
 * document like the probes. Registered whatever the configuration, so the route table is the
 * same on every server; without APPLE_TEAM_ID and IOS_BUNDLE_ID it answers the not-found
 * handler's 404, exactly as a path that is no route.
 */
export function appleAppSiteAssociationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const document = ctx.config.iosApp ? appSiteAssociationOf(ctx.config.iosApp) : undefined;
  return async (app) => {
    app.get(
      AASA_PATH,
      { schema: { hide: true, response: { 200: AppSiteAssociation } }, config: { action: 'public' } },
      async (_request, reply) => {
        if (document) return document;
        reply.callNotFound();
        return reply;
      },
    );
  };
}
