import { Type } from '@sinclair/typebox';
import { User } from './auth.ts';
import { Id, IsoTime, ListQuery, Nullable, Page, Str } from './common.ts';

const Role = Type.Union([Type.Literal('admin'), Type.Literal('user')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const AdminUser = Type.Composite([
  User,
  Type.Object({
    lastLoginAt: Nullable(IsoTime),
    invitedBy: Nullable(Type.Object({ id: Id, username: Type.String() })),
    invite: Nullable(Type.Object({ id: Id, label: Nullable(Type.String()) })),
  }),
]);

export const AdminUserPage = Page(AdminUser);

export const AdminUserListQuery = Type.Object({
  q: Type.Optional(Str({ maxLength: 254 })),
  role: Type.Optional(Role),
  status: Type.Optional(Status),
  ...ListQuery,
});

export const PatchAdminUserBody = Type.Object(
  { role: Type.Optional(Role), status: Type.Optional(Status) },
  { additionalProperties: false },
);

export const AuditEvent = Type.Object({
  id: Id,
  at: IsoTime,
  actor: Nullable(Type.Object({ id: Id, username: Type.String() })),
  action: Type.String(),
  target: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditPage = Page(AuditEvent);
export const AuditQuery = Type.Object({ ...ListQuery });

/** DELETE /me: the password for accounts that have one, otherwise the username typed out. */
export const DeleteMeBody = Type.Object(
  {
    password: Type.Optional(Str({ minLength: 1, maxLength: 1024 })),
    confirm: Type.Optional(Str({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
