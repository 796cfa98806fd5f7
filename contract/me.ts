import { Type } from '@sinclair/typebox';
import { Email, Id, IsoTime, Nullable, Password, Str } from './common.ts';

export const PatchMeBody = Type.Object(
  {
    email: Type.Optional(Nullable(Email)),
    currentPassword: Type.Optional(Str({ minLength: 1, maxLength: 1024 })),
    newPassword: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const Session = Type.Object({
  id: Id,
  createdAt: IsoTime,
  lastUsedAt: IsoTime,
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});

export const SessionList = Type.Object({ items: Type.Array(Session) });

export const IdParams = Type.Object({ id: Id });
