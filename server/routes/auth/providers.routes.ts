import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TokenResponse } from '../../../contract/auth.ts';
import {
  AppleSignInBody,
  AuthorizeQuery,
  CallbackQuery,
  GoogleSignInBody,
  ProviderNonce,
} from '../../../contract/providers.ts';
import type { AppContext } from '../../context.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { respondWithTokens } from './refresh-cookie.ts';
import { FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_TTL_MS, LINK_COOKIE } from '../../lib/flow-cookie.ts';
import { beginGoogleWebFlow, completeGoogleWebFlow, type WebFlowStep } from '../../services/google-web-flow.service.ts';
import { requireProvider, type ProviderName } from '../../lib/identity-providers.ts';
import { signInWithProvider, type ProviderSignIn } from '../../services/provider-sign-in.service.ts';
import { issueProviderNonce } from '../../services/provider-nonce.service.ts';

/**
 * Sign in with Google and Apple: ID tokens from the native SDKs (and Google's web SDK),
 * and Google's authorization-code flow for the dashboard. A provider without a configured
 * client id answers 404 not_found, as GET /server's `providers` announces.
 */
export function providerRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const signIn = async (
      name: ProviderName,
      input: ProviderSignIn & { cookie?: boolean },
      userAgent: string | undefined,
      reply: FastifyReply,
    ) => {
      const { cookie, ...rest } = input;
      const { tokens, created } = await signInWithProvider(ctx, requireProvider(ctx, name), rest, userAgent);
      return reply.code(created ? 201 : 200).send(await respondWithTokens(ctx, reply, tokens, cookie === true));
    };

    // before the provider's prompt: the nonce the ID token is minted for, single-use; for signing in
    // only (linking takes a nonce of POST /me/identities/nonce, bound to the account)
    app.post(
      '/auth/nonce',
      {
        schema: {
          tags: ['auth'],
          summary: 'A single-use nonce for the Google or Apple prompt (ten minutes)',
          response: { 201: ProviderNonce },
        },
        config: { action: 'public', rateLimit: limits.login },
      },
      async (_req, reply) => {
        const nonce = await issueProviderNonce(ctx, null);
        return reply.code(201).header('cache-control', 'no-store').send(nonce);
      },
    );

    const responses = { 200: TokenResponse, 201: TokenResponse };
    // not_found: the provider is not configured; unauthenticated: its ID token is refused
    const problems = [
      'not_found',
      'unauthenticated',
      'invite_required',
      'invite_invalid',
      'invite_expired',
      'invite_exhausted',
      'invite_revoked',
      'username_taken',
      'email_in_use',
      'provider_unavailable',
      'nonce_invalid',
      'provider_token_replayed',
    ] as const;
    app.post(
      '/auth/google',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in or sign up with a Google ID token',
          body: GoogleSignInBody,
          response: responses,
        },
        config: { action: 'public', rateLimit: limits.login, problems },
      },
      async (req, reply) => signIn('google', req.body, req.headers['user-agent'], reply),
    );
    app.post(
      '/auth/apple',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in or sign up with an Apple ID token',
          body: AppleSignInBody,
          response: responses,
        },
        config: { action: 'public', rateLimit: limits.login, problems },
      },
      async (req, reply) => signIn('apple', req.body, req.headers['user-agent'], reply),
    );

    const secure = ctx.config.publicUrl.startsWith('https:');
    /** Browser steps never answer JSON: every outcome, failures included, is a redirect. */
    const go = (reply: FastifyReply, step: WebFlowStep) =>
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(step.location, 302);

    app.get(
      '/auth/google/authorize',
      {
        schema: {
          tags: ['auth'],
          summary: "Start the dashboard's Google sign-in: redirects to Google",
          querystring: AuthorizeQuery,
        },
        // a HEAD would start a flow, or spend the callback's single-use state and code, without a page to show
        exposeHeadRoute: false,
        config: { action: 'public', rateLimit: limits.login },
      },
      async (req, reply) => {
        const step = await beginGoogleWebFlow(ctx, req.query, req.cookies[LINK_COOKIE]);
        // a link ticket starts one flow: its binder cookie is spent here, whatever the outcome
        if (req.query.link !== undefined) reply.clearCookie(LINK_COOKIE, { path: FLOW_COOKIE_PATH });
        if (step.sealedFlow) {
          // SameSite=Lax, not Strict: the cookie must come back on Google's top-level redirect to the callback
          reply.setCookie(FLOW_COOKIE, step.sealedFlow, {
            httpOnly: true,
            secure,
            sameSite: 'lax',
            path: FLOW_COOKIE_PATH,
            maxAge: FLOW_TTL_MS / 1000,
          });
        }
        return go(reply, step);
      },
    );

    app.get(
      '/auth/google/callback',
      {
        schema: {
          tags: ['auth'],
          summary: 'Finish the Google sign-in: sets the refresh cookie, redirects to the dashboard',
          querystring: CallbackQuery,
        },
        // a HEAD would start a flow, or spend the callback's single-use state and code, without a page to show
        exposeHeadRoute: false,
        config: { action: 'public', rateLimit: limits.login },
      },
      async (req, reply) => {
        const step = await completeGoogleWebFlow(ctx, req.cookies[FLOW_COOKIE], req.query, req.headers['user-agent']);
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
        if (step.tokens) await respondWithTokens(ctx, reply, step.tokens, true);
        return go(reply, step);
      },
    );
  };
}
