import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDevices } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { QueryState } from '../../../components/query-state.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useEndSessions, useSessions } from '../api.ts';
import { deviceName } from '../words.ts';

/** One open session (the @client `Session` name is taken by the token owner class). */
type OpenSession = NonNullable<ReturnType<typeof useSessions>['data']>['items'][number];

/** Devices signed in to this account, this one marked, so a session you do not recognise can be ended. */
export function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSessions();

  const endOthers = (others: OpenSession[]) =>
    modals.openConfirmModal({
      title: 'Sign out everywhere else?',
      children: (
        <Text size="sm">
          {others.length === 1 ? 'The other device' : `The ${others.length} other devices`} will be signed out the next
          time they do anything. This device stays signed in.
        </Text>
      ),
      labels: { confirm: 'Sign out everywhere else', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        end.mutate(
          others.map((s) => s.id),
          { onSuccess: () => notifySuccess('Every other device was signed out.') },
        ),
    });

  return (
    <QueryState
      query={sessions}
      loadingLabel="Loading sessions…"
      isEmpty={(d) => d.items.length === 0}
      empty={<Text size="sm">No open sessions.</Text>}
    >
      {(data) => {
        const items = [...data.items].sort(
          (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
        );
        const others = items.filter((s) => !s.current);
        return (
          <Stack gap="sm">
            {end.error && <ErrorAlert error={end.error} title="Could not end the session" />}
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Sessions">
              {items.map((s) => (
                <Paper
                  component="li"
                  key={s.id}
                  withBorder
                  radius="md"
                  p="sm"
                  aria-label={`${deviceName(s.userAgent)}${s.current ? ', this device' : ''}`}
                >
                  <Group justify="space-between" gap="sm" wrap="wrap">
                    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                      <IconDevices size={22} aria-hidden style={{ flexShrink: 0 }} />
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Group gap="xs">
                          <Text fw={600}>{deviceName(s.userAgent)}</Text>
                          {s.current && (
                            <Badge variant="outline" color="cyan.9">
                              This device
                            </Badge>
                          )}
                        </Group>
                        <Text size="sm" c="dimmed">
                          Signed in <RelativeTime value={s.createdAt} /> · last used{' '}
                          <RelativeTime value={s.lastUsedAt} />
                        </Text>
                      </Stack>
                    </Group>
                    {!s.current && (
                      <Button
                        variant="default"
                        c="red.9"
                        onClick={() =>
                          end.mutate([s.id], { onSuccess: () => notifySuccess('That session was ended.') })
                        }
                        loading={end.isPending && end.variables?.length === 1 && end.variables[0] === s.id}
                        aria-label={`End session: ${deviceName(s.userAgent)}`}
                      >
                        End session
                      </Button>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
            {others.length > 0 ? (
              <Button
                variant="default"
                c="red.9"
                onClick={() => endOthers(others)}
                loading={end.isPending && (end.variables?.length ?? 0) > 1}
                style={{ alignSelf: 'flex-start' }}
              >
                Sign out everywhere else
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                No other device is signed in.
              </Text>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
