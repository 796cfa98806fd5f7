import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, LogoutBody, RefreshBody, RegisterBody, ResumeBody, TokenResponse } from '../../../contract/auth.ts';
import type { AppContext } from '../../context.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { limits } from '../../plugins/rate-limit.plugin.ts';
import { clearRefreshCookie, REFRESH_COOKIE, respondWithTokens } from './refresh-cookie.ts';
import { assertDashboardRequest, dashboardOrigins } from '../../policies/web-origin.policy.ts';
import { loginWithPassword } from '../../services/login.service.ts';
import { registerAccount } from '../../services/register-account.service.ts';
import { logout, refreshSession } from '../../services/sessions.service.ts';
import { resumeSession } from '../../services/resume-session.service.ts';

/** Password registration and sign-in, token refresh, resuming a limited session, and logout. */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  // the cookie is the browser's: a call that uses it must come from the dashboard's own page
  const origins = dashboardOrigins(ctx.config);
  return async (app) => {
    app.post(
      '/auth/register',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an account with a password (and an invite code when required)',
          body: RegisterBody,
          response: { 201: TokenResponse },
        },
        config: {
          action: 'public',
          rateLimit: limits.register,
          problems: [
            'invite_required',
            'invite_invalid',
            'invite_expired',
            'invite_exhausted',
            'invite_revoked',
            'username_taken',
            'email_taken',
            'password_too_common',
          ],
        },
      },
      async (req, reply) => {
        const { cookie, ...input } = req.body;
        const tokens = await registerAccount(ctx, input, req.headers['user-agent']);
        return reply.code(201).send(await respondWithTokens(ctx, reply, tokens, cookie === true));
      },
    );

    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with username or email and password',
          body: LoginBody,
          response: { 200: TokenResponse },
        },
        config: { action: 'public', rateLimit: limits.login, problems: ['invalid_credentials'] },
      },
      async (req, reply) => {
        const tokens = await loginWithPassword(ctx, req.body.username, req.body.password, {
          userAgent: req.headers['user-agent'],
          ip: req.ip,
        });
        return respondWithTokens(ctx, reply, tokens, req.body.cookie === true);
      },
    );

    app.post(
      '/auth/refresh',
      {
        schema: {
          tags: ['auth'],
          summary: 'Trade a refresh token (body or cookie) for new tokens; the old one is spent',
          body: RefreshBody,
          response: { 200: TokenResponse },
        },
        // forbidden: the cookie used from a page other than the dashboard
        config: { action: 'public', rateLimit: limits.refresh, problems: ['refresh_token_invalid', 'forbidden'] },
      },
      async (req, reply) => {
        const fromBody = req.body?.refreshToken;
        const token = fromBody ?? req.cookies[REFRESH_COOKIE];
        if (!token) throw errors.refreshTokenInvalid();
        if (fromBody === undefined) assertDashboardRequest(req.headers, origins);
        const tokens = await refreshSession(ctx, token);
        const cookie = req.body?.cookie === true || fromBody === undefined;
        return respondWithTokens(ctx, reply, tokens, cookie);
      },
    );

    // a limited session (signed in while disabled) becomes a full one once an admin has enabled the account
    app.post(
      '/auth/resume',
      {
        schema: {
          tags: ['auth'],
          summary: 'Trade a limited access token for full tokens once the account is enabled again',
          body: ResumeBody,
          response: { 200: TokenResponse },
        },
        // forbidden: the bearer is a full session's token, which refreshes instead
        config: { action: 'auth:resume', rateLimit: limits.login, problems: ['forbidden'] },
      },
      async (req, reply) => {
        const tokens = await resumeSession(ctx, actorOf(req), req.headers['user-agent']);
        return respondWithTokens(ctx, reply, tokens, req.body?.cookie === true);
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'End the session of the bearer token, or of the refresh token',
          body: LogoutBody,
        },
        config: { action: 'auth:logout', authOptional: true, problems: ['forbidden'] },
      },
      async (req, reply) => {
        const fromBody = req.body?.refreshToken;
        const refreshToken = fromBody ?? req.cookies[REFRESH_COOKIE];
        if (refreshToken && fromBody === undefined) assertDashboardRequest(req.headers, origins);
        if (!req.actor && !refreshToken) throw errors.unauthenticated();
        await logout(ctx, { sessionId: req.actor?.sessionId, refreshToken });
        clearRefreshCookie(reply);
        return reply.code(204).send();
      },
    );
  };
}
