import { Type, type Static } from '@sinclair/typebox';
import { Email, Id, IsoTime, Nullable, Password, Str, Username } from './common.ts';

export const AuthMethod = Type.Union([Type.Literal('password'), Type.Literal('google'), Type.Literal('apple')]);

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  email: Nullable(Type.String()),
  role: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  authMethods: Type.Array(AuthMethod),
  createdAt: IsoTime,
});
export type User = Static<typeof User>;

export const TokenResponse = Type.Object({
  accessToken: Type.String(),
  accessTokenExpiresAt: IsoTime,
  refreshToken: Nullable(Type.String()),
  refreshTokenExpiresAt: Nullable(IsoTime),
  limited: Type.Boolean(),
  user: User,
});
export type TokenResponse = Static<typeof TokenResponse>;

/** `cookie: true` asks for the refresh token as an httpOnly cookie instead of in the body (web dashboard). */
const cookie = Type.Optional(Type.Boolean());

export const RegisterBody = Type.Object(
  {
    username: Username,
    password: Password,
    email: Type.Optional(Email),
    inviteCode: Type.Optional(Str({ maxLength: 64 })),
    cookie,
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    username: Str({ minLength: 1, maxLength: 254 }),
    password: Str({ minLength: 1, maxLength: 1024 }),
    cookie,
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(Str({ minLength: 1, maxLength: 512 })), cookie },
  { additionalProperties: false },
);

/** POST /auth/resume: the bearer (a limited access token) is the credential; the body may be absent. */
export const ResumeBody = Type.Object({ cookie }, { additionalProperties: false });

export const LogoutBody = Type.Object(
  { refreshToken: Type.Optional(Str({ minLength: 1, maxLength: 512 })) },
  { additionalProperties: false },
);

export const SetupBody = Type.Object(
  {
    setupToken: Str({ minLength: 1, maxLength: 256 }),
    username: Username,
    password: Password,
    email: Type.Optional(Email),
    cookie,
  },
  { additionalProperties: false },
);

export const ServerInfo = Type.Object({
  requireInvite: Type.Boolean(),
  setupRequired: Type.Boolean(),
  providers: Type.Object({ password: Type.Literal(true), google: Type.Boolean(), apple: Type.Boolean() }),
  version: Type.String(),
});
