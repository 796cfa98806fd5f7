import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor, AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { authorize, type RouteAccess } from '../policies/access.policy.ts';
import { loadActor } from '../repositories/sessions.repository.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the route needs: an action, or 'public' said out loud. Required: a route that
     * declares nothing stops the start (requireRouteAccess), it is never public by default.
     */
    action: RouteAccess;
    /** Authenticate when a bearer token is sent, but let anonymous calls through (logout by refresh token). */
    authOptional?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** the actor's sign-in methods, read in the same statement as the actor (GET /me shows them) */
    actorAuthMethods: string[] | null;
  }
}

/**
 * Loads the actor of every non-public request from the database — role, status and the
 * session's liveness as they are now, so changes apply on the very next request on every
 * process — then asks the policy whether the route's action is allowed.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('actorAuthMethods', null);

  async function authenticate(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw errors.unauthenticated();
    const claims = await ctx.tokens.verifyReloading(match[1]);
    if (!claims) throw errors.unauthenticated('The access token is invalid or has expired.');
    const found = await loadActor(ctx.db, claims.sub, claims.sid, ctx.clock.now().toISOString());
    if (!found) throw errors.unauthenticated('This session has ended.');
    const { user, sessionId } = found;
    request.actorAuthMethods = found.authMethods;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      status: user.status,
      sessionId,
      limitedToken: claims.limited,
      user,
    };
  }

  // A route-level hook, added to each route as it is declared and placed first among the route's
  // own hooks, so it runs where the global hook registered here used to: after the app-wide
  // onRequest hooks, before per-route ones (rate limits). It reads the route's options as they
  // stand once every onRoute hook has run (the dashboard plugin marks its file routes public
  // after they are added) rather than building request.routeOptions on every request.
  app.addHook('onRoute', (route) => {
    if (route.config?.action === 'public') return;
    const checkAccess = async (request: FastifyRequest) => {
      const { action, authOptional } = route.config ?? {};
      if (action === 'public') return;
      // a route always declares its access (checked at start-up, requireRouteAccess)
      if (!action) throw new Error(`${request.method} ${route.url} declares no access`);
      if (authOptional && !request.headers.authorization) return;
      const actor = await authenticate(request);
      authorize(actor, action);
      request.actor = actor;
    };
    route.onRequest = [checkAccess, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
  });
}

/** The authenticated actor of a route that declared an action; never null there. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.unauthenticated();
  return request.actor;
}

/** The sign-in methods read with the request's actor; null when no actor was loaded. */
export function actorAuthMethodsOf(request: FastifyRequest): string[] | null {
  return request.actorAuthMethods;
}

/** One route as the start-up check saw it, with the access it declared. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const routeTables = new WeakMap<FastifyInstance, readonly DeclaredRoute[]>();

const routeName = (route: RouteOptions) => `${[route.method].flat().join(',')} ${route.url}`;

/**
 * No route is public by accident: each must declare `config.action`, an action or 'public'.
 * Routes are collected as they are added (onRoute) and checked once every plugin has had its
 * say (onReady): @fastify/static adds its file routes without config, and the dashboard plugin
 * marks those, and only those, public after the fact. A route that declares nothing makes
 * buildApp throw, naming its method and path. Call it before anything adds a route.
 */
export function requireRouteAccess(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = routes.filter((route) => !route.config?.action);
    if (undeclared.length > 0) {
      throw new Error(
        `Every route must declare its access (config.action: an action, or 'public'); ` +
          `these declare none: ${undeclared.map(routeName).join(', ')}`,
      );
    }
    routeTables.set(
      app,
      routes.flatMap((route) =>
        [route.method].flat().map((method) => ({ method, url: route.url, access: route.config!.action })),
      ),
    );
  });
}

/** Every route of a started app, one per method, with its declared access: the authorization matrix walks it. */
export function routeTableOf(app: FastifyInstance): readonly DeclaredRoute[] {
  const table = routeTables.get(app);
  if (!table) throw new Error('routeTableOf: the app is not ready, or requireRouteAccess was not called');
  return table;
}
