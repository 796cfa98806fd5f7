import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconBrandApple, IconBrandGoogle, IconKey } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { AdminUser } from '@client';
import { RelativeTime } from '../../../components/relative-time.tsx';

const METHOD = {
  password: { label: 'Password', icon: IconKey },
  google: { label: 'Google', icon: IconBrandGoogle },
  apple: { label: 'Apple', icon: IconBrandApple },
} as const;

/** Username, email and "You" on the admin's own row: who this row is, at a glance. */
export function UserIdentity({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  return (
    <Stack gap={2} miw={0}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {user.username}
        </Text>
        {isSelf && (
          <Badge size="sm" variant="outline" color="gray" tt="none" miw="max-content">
            You
          </Badge>
        )}
      </Group>
      {user.email && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {user.email}
        </Text>
      )}
    </Stack>
  );
}

/** The ways this account can sign in, as the product page lists them. */
export function AuthMethods({ methods }: { methods: AdminUser['authMethods'] }) {
  if (methods.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Group gap={6}>
      {methods.map((m) => {
        const { label, icon: Icon } = METHOD[m];
        return (
          <Badge
            key={m}
            variant="light"
            color="gray"
            leftSection={<Icon size={12} aria-hidden />}
            tt="none"
            miw="max-content"
          >
            {label}
          </Badge>
        );
      })}
    </Group>
  );
}

/** Active or Disabled: colour and word together (a dot badge keeps the word readable on any row). */
export function StatusBadge({ status }: { status: AdminUser['status'] }) {
  return (
    <Badge variant="dot" color={status === 'active' ? 'teal' : 'gray'} size="lg" tt="none" miw="max-content">
      {status === 'active' ? 'Active' : 'Disabled'}
    </Badge>
  );
}

/** Who invited this person and with which invite (it opens on the Invites tab). */
export function InvitedBy({ user }: { user: AdminUser }) {
  if (!user.invitedBy && !user.invite)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm">{user.invitedBy ? user.invitedBy.username : 'A deleted account'}</Text>
      {user.invite && (
        <Anchor
          component={Link}
          to={`/settings/invites?open=${encodeURIComponent(user.invite.id)}`}
          size="sm"
          c="dimmed"
        >
          {user.invite.label ? `“${user.invite.label}”` : 'Invite without a label'}
        </Anchor>
      )}
    </Stack>
  );
}

/** "3 hours ago" with the exact time on hover, or Never. */
export function LastSignIn({ at }: { at: string | null }) {
  if (!at)
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  return (
    <Text size="sm" component="span" style={{ whiteSpace: 'nowrap' }}>
      <RelativeTime value={at} />
    </Text>
  );
}
