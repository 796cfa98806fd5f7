import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconBrandApple, IconBrandGoogleFilled, IconKey } from '@tabler/icons-react';
import type { User } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { useServerInfo } from '../../../lib/session.ts';
import { useLinkGoogle, useUnlinkProvider, type LinkableProvider } from '../api.ts';

const NAMES: Record<LinkableProvider, string> = { google: 'Google', apple: 'Apple' };

function MethodRow({
  icon,
  name,
  linked,
  note,
  actions,
  states = ['Linked', 'Not linked'],
}: {
  icon: ReactNode;
  name: string;
  linked: boolean;
  note?: ReactNode;
  actions?: ReactNode;
  states?: [string, string];
}) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          {icon}
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{name}</Text>
              <Badge variant={linked ? 'outline' : 'light'} color={linked ? 'teal.9' : 'gray'}>
                {linked ? states[0] : states[1]}
              </Badge>
            </Group>
            {note && (
              <Text size="sm" c="dimmed">
                {note}
              </Text>
            )}
          </Stack>
        </Group>
        {actions}
      </Group>
    </Paper>
  );
}

/**
 * The ways into this account: the password and Google or Apple. Linking Google goes through
 * Google in this browser; unlinking is confirmed, and refused while it is the only way in.
 */
export function SignInMethodsSection({ user }: { user: User }) {
  const server = useServerInfo();
  const link = useLinkGoogle();
  const unlink = useUnlinkProvider();
  const has = (m: string) => user.authMethods.includes(m as User['authMethods'][number]);
  const onlyWay = (p: LinkableProvider) => has(p) && user.authMethods.length === 1;

  const confirmUnlink = (provider: LinkableProvider) =>
    modals.openConfirmModal({
      title: `Unlink ${NAMES[provider]}?`,
      children: (
        <Text size="sm">
          You will no longer be able to sign in to Baseline with this {NAMES[provider]} account. You can link it again
          later.
        </Text>
      ),
      labels: { confirm: `Unlink ${NAMES[provider]}`, cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () => unlink.mutate(provider, { onSuccess: () => notifySuccess(`${NAMES[provider]} was unlinked.`) }),
    });

  const providerActions = (p: LinkableProvider) => {
    if (has(p)) {
      return (
        <Button
          variant="default"
          c="red.9"
          onClick={() => confirmUnlink(p)}
          disabled={onlyWay(p)}
          loading={unlink.isPending && unlink.variables === p}
          aria-label={`Unlink ${NAMES[p]}`}
        >
          Unlink
        </Button>
      );
    }
    if (p === 'google' && server.data?.providers.google) {
      return (
        <Button variant="light" onClick={() => link.mutate()} loading={link.isPending || link.isSuccess}>
          Link Google
        </Button>
      );
    }
    return undefined;
  };

  const providerNote = (p: LinkableProvider) => {
    if (onlyWay(p)) return 'This is your only way to sign in. Set a password above before unlinking it.';
    if (has(p)) return `You can sign in with your ${NAMES[p]} account.`;
    if (p === 'google')
      return server.data?.providers.google
        ? 'Sign in with your Google account too.'
        : 'Google sign-in is off on this server.';
    return server.data?.providers.apple
      ? 'Link Apple from the Baseline app on your iPhone.'
      : 'Apple sign-in is off on this server.';
  };

  return (
    <Stack gap="sm">
      {link.error && <ErrorAlert error={link.error} title="Could not start linking Google" />}
      {unlink.error && (
        <ErrorAlert
          error={unlink.error}
          title={`Could not unlink ${unlink.variables ? NAMES[unlink.variables] : ''}`}
        />
      )}
      <MethodRow
        icon={<IconKey size={22} aria-hidden />}
        name="Password"
        linked={has('password')}
        states={['Set', 'Not set']}
        note={
          has('password')
            ? 'You can sign in with your username or email and your password.'
            : 'No password yet. Set one above to sign in without Google or Apple.'
        }
      />
      <MethodRow
        icon={<IconBrandGoogleFilled size={22} aria-hidden />}
        name="Google"
        linked={has('google')}
        note={providerNote('google')}
        actions={providerActions('google')}
      />
      <MethodRow
        icon={<IconBrandApple size={22} aria-hidden />}
        name="Apple"
        linked={has('apple')}
        note={providerNote('apple')}
        actions={providerActions('apple')}
      />
    </Stack>
  );
}
