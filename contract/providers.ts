import { Type } from '@sinclair/typebox';
import { IsoTime, Str, Username } from './common.ts';

/** An OpenID Connect ID token as the provider's SDK returns it (a compact JWS; Google's and Apple's are 1–2 KB). */
const IdToken = Str({ minLength: 1, maxLength: 16_384 });
/**
 * The raw nonce: to sign in, one from POST /auth/nonce (or the app's own); to link, one from
 * POST /me/identities/nonce (required). The token's `nonce` claim equals it or its SHA-256 hex digest.
 */
const Nonce = Type.Optional(Str({ minLength: 1, maxLength: 512 }));
const InviteCode = Type.Optional(Str({ maxLength: 64 }));
/** `cookie: true` asks for the refresh token as an httpOnly cookie instead of in the body (web dashboard). */
const cookie = Type.Optional(Type.Boolean());

export const GoogleSignInBody = Type.Object(
  { idToken: IdToken, nonce: Nonce, inviteCode: InviteCode, username: Type.Optional(Username), cookie },
  { additionalProperties: false },
);

/** Apple sends the person's name to the app only on the first sign-in, never in the token: the app passes it on. */
export const AppleSignInBody = Type.Object(
  {
    idToken: IdToken,
    nonce: Nonce,
    inviteCode: InviteCode,
    username: Type.Optional(Username),
    fullName: Type.Optional(Str({ maxLength: 200 })),
    cookie,
  },
  { additionalProperties: false },
);

/** POST /auth/nonce and POST /me/identities/nonce: a single-use nonce to hand to Google or Apple (raw, or its SHA-256 hex), and its expiry. */
export const ProviderNonce = Type.Object({ nonce: Type.String(), expiresAt: IsoTime }, { additionalProperties: false });

export const LinkIdentityBody = Type.Object({ idToken: IdToken, nonce: Nonce }, { additionalProperties: false });

export const ProviderName = Type.Union([Type.Literal('google'), Type.Literal('apple')]);

export const ProviderParams = Type.Object({ provider: ProviderName });

/**
 * `returnTo` is a path inside the dashboard ("/settings"); anything else is replaced by "/".
 * `link` is the ticket of POST /me/identities/google/link-intent: the flow links, not signs in.
 */
export const AuthorizeQuery = Type.Object(
  {
    invite: Type.Optional(Str({ maxLength: 64 })),
    returnTo: Type.Optional(Str({ maxLength: 512 })),
    link: Type.Optional(Str({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

/** Where the browser goes to link Google: `/api/v1/auth/google/authorize?link=<ticket>` (same origin, five minutes, this browser only). */
export const LinkIntent = Type.Object({ url: Type.String() }, { additionalProperties: false });

/** What the provider appends to the redirect URI; providers add their own extras (Google: authuser, hd, prompt…). */
export const CallbackQuery = Type.Object({
  code: Type.Optional(Str({ maxLength: 4096 })),
  state: Type.Optional(Str({ maxLength: 512 })),
  error: Type.Optional(Str({ maxLength: 256 })),
});
