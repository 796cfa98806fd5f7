import { Type } from '@sinclair/typebox';
import { Id, IsoTime, ListQuery, Nullable, Page, Str } from './common.ts';

export const InviteState = Type.Union([
  Type.Literal('active'),
  Type.Literal('expired'),
  Type.Literal('exhausted'),
  Type.Literal('revoked'),
]);

const UserRef = Type.Object({ id: Id, username: Type.String() });

export const Invite = Type.Object({
  id: Id,
  code: Type.String({
    description: 'printed in groups, e.g. K7QXM-4RTPW-9HJZA; matched case-insensitively, separators ignored',
  }),
  link: Type.String(),
  label: Nullable(Type.String()),
  maxUses: Nullable(Type.Integer()),
  uses: Type.Integer(),
  expiresAt: Nullable(IsoTime),
  revokedAt: Nullable(IsoTime),
  createdAt: IsoTime,
  createdBy: Nullable(UserRef),
  state: InviteState,
});

export const InviteDetail = Type.Composite([
  Invite,
  Type.Object({ users: Type.Array(Type.Object({ id: Id, username: Type.String(), createdAt: IsoTime })) }),
]);

export const InvitePage = Page(Invite);

export const CreateInviteBody = Type.Object(
  {
    label: Type.Optional(Nullable(Str({ maxLength: 100 }))),
    maxUses: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
    expiresAt: Type.Optional(Nullable(IsoTime)),
  },
  { additionalProperties: false },
);

export const InviteListQuery = Type.Object({ state: Type.Optional(InviteState), ...ListQuery });

export const InviteCheck = Type.Object({
  valid: Type.Boolean(),
  reason: Nullable(
    Type.Union([Type.Literal('invalid'), Type.Literal('expired'), Type.Literal('exhausted'), Type.Literal('revoked')]),
  ),
});

export const CodeParams = Type.Object({ code: Str({ minLength: 1, maxLength: 64 }) });
