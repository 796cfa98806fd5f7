import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AppContext } from '../context.ts';
import { AppError, errors, type ErrorCode } from '../errors.ts';
import { authorize } from '../policies/access.policy.ts';
import { findActor } from '../repositories/sessions.repository.ts';
import { FLOW_TTL_MS, openFlow, openValue, sealFlow, sealValue, type FlowState } from '../lib/flow-cookie.ts';
import { requireProvider, type IdentityProvider } from '../lib/identity-providers.ts';
import { linkIdentity } from './link-identity.service.ts';
import { sameText, type IssuerMetadata } from '../lib/oidc-verifier.ts';
import { signInWithProvider } from './provider-sign-in.service.ts';
import { checkInvite } from './redeem-invite.service.ts';
import type { IssuedTokens } from './sessions.service.ts';
import { safeReturnTo } from '../../contract/web.ts';

export const CALLBACK_PATH = '/api/v1/auth/google/callback';
/** Where a link flow ends, with `?linked=google` or `?error=<code>`. */
export const LINK_RETURN_PATH = '/settings/account';
/** The link ticket lives this long: enough to leave for Google, too short to be worth stealing. */
export const LINK_TICKET_TTL_MS = 5 * 60_000;
const LINK_PURPOSE = 'google-link';
const TOKEN_TIMEOUT_MS = 10_000;

/** Where the browser goes next; tokens are set as the refresh cookie by the route. */
export interface WebFlowStep {
  location: string;
  /** the sealed flow state to store in the flow cookie (authorize only) */
  sealedFlow?: string;
  tokens?: IssuedTokens;
}

const random = () => randomBytes(32).toString('base64url');

/**
 * Where a failure is shown: Settings for a link flow, the registration page when an invite
 * travels with the flow (so the code stays filled in), else the login page.
 */
function failure(ctx: AppContext, invite: string | null, err: unknown, linking = false): WebFlowStep {
  let code: ErrorCode = 'internal_error';
  if (err instanceof AppError) code = err.code;
  else ctx.log.error({ err }, 'Google web sign-in failed');
  if (!linking) ctx.metrics.signIns.inc({ method: 'google_web', result: code === 'rate_limited' ? code : 'failure' });
  let page = `/login?error=${code}`;
  if (linking) page = `${LINK_RETURN_PATH}?error=${code}`;
  else if (invite) page = `/register?invite=${encodeURIComponent(invite)}&error=${code}`;
  return { location: ctx.config.publicUrl + page };
}

function webProvider(ctx: AppContext): IdentityProvider & { clientSecret: string } {
  const provider = requireProvider(ctx, 'google');
  if (!provider.clientSecret)
    throw errors.notFound('Google sign-in for the web on this server (GOOGLE_CLIENT_SECRET is not set)');
  return provider as IdentityProvider & { clientSecret: string };
}

/**
 * GET /auth/google/authorize: sends the browser to Google with the authorization-code flow,
 * PKCE (S256), a state and a nonce, all remembered in the sealed flow cookie together with
 * the invite code and the return path. A bad invite is reported before leaving the site.
 */
export async function beginGoogleWebFlow(
  ctx: AppContext,
  query: { invite?: string; returnTo?: string; link?: string },
  linkBinder?: string,
): Promise<WebFlowStep> {
  const invite = query.invite?.trim() || null;
  const linking = query.link !== undefined;
  try {
    const provider = webProvider(ctx);
    const link = linking ? await openLinkTicket(ctx, query.link, linkBinder) : undefined;
    if (invite && !link) await checkInvite(ctx, ctx.db, invite);
    const meta = await provider.issuer.metadata();
    if (!meta.authorization_endpoint || !meta.token_endpoint) throw errors.providerUnavailable(provider.label);
    const flow: FlowState = {
      state: random(),
      nonce: random(),
      verifier: random(),
      invite: link ? null : invite,
      returnTo: link ? LINK_RETURN_PATH : safeReturnTo(query.returnTo),
      expiresAt: ctx.clock.now().getTime() + FLOW_TTL_MS,
      ...(link ? { link } : {}),
    };
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: provider.clientIds[0],
      redirect_uri: ctx.config.publicUrl + CALLBACK_PATH,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { location: url.toString(), sealedFlow: await sealFlow(ctx, flow) };
  } catch (err) {
    return failure(ctx, invite, err, linking);
  }
}

/**
 * GET /auth/google/callback: checks the state against the flow cookie, exchanges the code
 * (with the PKCE verifier and the client secret), then signs in exactly as POST /auth/google
 * does, with the flow's nonce and invite. An active account returns to the dashboard with the
 * refresh cookie; a disabled one gets its short limited access token in the URL fragment
 * (it has no refresh token to put in a cookie); any failure goes to the login or register page.
 */
export async function completeGoogleWebFlow(
  ctx: AppContext,
  sealedFlow: string | undefined,
  query: { code?: string; state?: string; error?: string },
  userAgent: string | undefined,
): Promise<WebFlowStep> {
  const flow = await openFlow(ctx, sealedFlow);
  try {
    if (!flow) throw errors.unauthenticated('The sign-in took too long or was started in another browser. Try again.');
    if (!query.state || !sameText(query.state, flow.state))
      throw errors.unauthenticated('The sign-in answer does not belong to this browser. Try again.');
    if (query.error) throw errors.providerRefused(query.error === 'access_denied' ? 'access_denied' : 'provider_error');
    if (!query.code) throw errors.unauthenticated('Google sent no authorization code.');
    const provider = webProvider(ctx);
    const idToken = await exchangeCode(ctx, provider, await provider.issuer.metadata(), query.code, flow.verifier);
    if (flow.link) {
      await linkIdentity(ctx, await linkingActor(ctx, flow.link), provider, {
        idToken,
        nonce: flow.nonce,
        from: 'web-flow',
      });
      return { location: `${ctx.config.publicUrl}${LINK_RETURN_PATH}?linked=google` };
    }
    const { tokens } = await signInWithProvider(
      ctx,
      provider,
      { idToken, nonce: flow.nonce, inviteCode: flow.invite ?? undefined },
      userAgent,
    );
    let location = ctx.config.publicUrl + flow.returnTo;
    if (tokens.limited) {
      location +=
        '#' +
        new URLSearchParams({
          accessToken: tokens.accessToken,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt,
          limited: 'true',
        }).toString();
    }
    return { location, tokens };
  } catch (err) {
    return failure(ctx, flow?.invite ?? null, err, flow?.link !== undefined);
  }
}

/**
 * POST /me/identities/google/link-intent: a signed-in person asks to link Google from the
 * browser. Returns the authorize URL with a sealed ticket naming the account and session (five
 * minutes), and a random binder the route sets as an httpOnly cookie: the ticket only works in
 * the browser that asked for it, and authorize clears the cookie, so a ticket starts one flow.
 */
export async function createGoogleLinkIntent(ctx: AppContext, actor: Actor): Promise<{ url: string; binder: string }> {
  webProvider(ctx);
  const binder = random();
  const expiresAt = ctx.clock.now().getTime() + LINK_TICKET_TTL_MS;
  const ticket = await sealValue(ctx, LINK_PURPOSE, {
    userId: actor.id,
    sessionId: actor.sessionId,
    binder,
    expiresAt,
  });
  return { url: `/api/v1/auth/google/authorize?${new URLSearchParams({ link: ticket })}`, binder };
}

/** The account and session a link ticket names, when the ticket is intact, unexpired and presented with its binder. */
async function openLinkTicket(
  ctx: AppContext,
  ticket: string | undefined,
  binder: string | undefined,
): Promise<NonNullable<FlowState['link']>> {
  const value = await openValue(ctx, LINK_PURPOSE, ticket);
  if (
    !value ||
    typeof value.userId !== 'string' ||
    typeof value.sessionId !== 'string' ||
    typeof value.binder !== 'string' ||
    !binder ||
    !sameText(binder, value.binder)
  ) {
    throw errors.unauthenticated(
      'This link request has expired or was started in another browser. Try again from Settings.',
    );
  }
  const link = { userId: value.userId, sessionId: value.sessionId };
  await linkingActor(ctx, link);
  return link;
}

/** The person linking, read again: the session must still be open and the account allowed to manage its identities. */
async function linkingActor(ctx: AppContext, link: NonNullable<FlowState['link']>): Promise<Actor> {
  const row = await findActor(ctx.db, link.userId, link.sessionId, ctx.clock.now().toISOString());
  if (!row) throw errors.unauthenticated('Your session ended before Google answered. Sign in and try again.');
  const { session_id: sessionId, ...user } = row;
  // no bearer token here (the link ticket stands in for it), and linking never asks whether one was limited
  const actor: Actor = {
    id: user.id,
    username: user.username,
    role: user.role,
    status: user.status,
    sessionId,
    limitedToken: false,
    user,
  };
  authorize(actor, 'identities:manage');
  return actor;
}

/** The token request of RFC 6749 §4.1.3 with PKCE; client_secret_basic unless the issuer only takes _post. */
async function exchangeCode(
  ctx: AppContext,
  provider: IdentityProvider & { clientSecret: string },
  meta: IssuerMetadata,
  code: string,
  verifier: string,
): Promise<string> {
  if (!meta.token_endpoint) throw errors.providerUnavailable(provider.label);
  const clientId = provider.clientIds[0];
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: ctx.config.publicUrl + CALLBACK_PATH,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) {
    const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(provider.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', provider.clientSecret);
  }
  let res: Response;
  try {
    res = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers,
      body: form,
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    ctx.log.warn({ err }, 'Google token endpoint unreachable');
    throw errors.providerUnavailable(provider.label);
  }
  const answer = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (res.status === 400 && answer.error === 'invalid_grant')
    throw errors.unauthenticated('Google did not accept the sign-in code. Try again.');
  if (!res.ok || typeof answer.id_token !== 'string') {
    ctx.log.warn({ status: res.status, error: answer.error }, 'Google token endpoint refused the code exchange');
    throw errors.providerUnavailable(provider.label);
  }
  return answer.id_token;
}
