import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { authorize, type Action } from '../policies/access.policy.ts';
import { findActor } from '../repositories/sessions.repository.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; absent means public. */
    action?: Action;
    /** Authenticate when a bearer token is sent, but let anonymous calls through (logout by refresh token). */
    authOptional?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * Loads the actor of every non-public request from the database — role, status and the
 * session's liveness as they are now, so changes apply on the very next request on every
 * process — then asks the policy whether the route's action is allowed.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);

  async function authenticate(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw errors.unauthenticated();
    const claims = ctx.tokens.verify(match[1]);
    if (!claims) throw errors.unauthenticated('The access token is invalid or has expired.');
    const row = await findActor(ctx.db, claims.sub, claims.sid);
    if (!row) throw errors.unauthenticated('This session has ended.');
    const { session_id: sessionId, ...user } = row;
    return { id: user.id, username: user.username, role: user.role, status: user.status, sessionId, user };
  }

  app.addHook('onRequest', async (request) => {
    const { action, authOptional } = request.routeOptions.config;
    if (!action) return;
    if (authOptional && !request.headers.authorization) return;
    const actor = await authenticate(request);
    authorize(actor, action);
    request.actor = actor;
  });
}

/** The authenticated actor of a route that declared an action; never null there. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.unauthenticated();
  return request.actor;
}
