import { Button, Divider, Drawer, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { InviteDetail } from '@client';
import { QueryState } from '../../../components/query-state.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useInviteDetail } from '../api.ts';
import { Field } from './field.tsx';
import { useConfirmRevoke } from './invite-actions.tsx';
import { inviteName } from './invite-link-panel.tsx';
import { CopyLinkButton, InviteCode, InviteExpiry, InviteStateBadge, InviteUses } from './invite-parts.tsx';

/**
 * One invite opened: its facts and who registered with it, so an admin can tell whether a link
 * reached the right people before revoking it.
 */
export function InviteDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useInviteDetail(id);
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={detail.data ? `Invite ${inviteName(detail.data)}` : 'Invite'}
    >
      {id !== null && (
        <QueryState query={detail} loadingLabel="Loading the invite…">
          {(invite) => <InviteDetailBody invite={invite} />}
        </QueryState>
      )}
    </Drawer>
  );
}

function InviteDetailBody({ invite }: { invite: InviteDetail }) {
  const confirmRevoke = useConfirmRevoke();
  return (
    <Stack gap="lg">
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Field label="State">
          <div>
            <InviteStateBadge state={invite.state} />
          </div>
        </Field>
        <Field label="Uses">
          <InviteUses invite={invite} />
        </Field>
        <Field label="Code">
          <InviteCode code={invite.code} />
        </Field>
        <Field label="Expires">
          <InviteExpiry expiresAt={invite.expiresAt} />
        </Field>
        <Field label="Created">
          <Text size="sm">
            <RelativeTime value={invite.createdAt} />
            {invite.createdBy ? ` by ${invite.createdBy.username}` : ''}
          </Text>
        </Field>
        {invite.revokedAt && (
          <Field label="Revoked">
            <Text size="sm">
              <RelativeTime value={invite.revokedAt} />
            </Text>
          </Field>
        )}
      </SimpleGrid>
      {invite.state === 'active' && (
        <Group gap="sm">
          <CopyLinkButton link={invite.link} />
          <Button variant="subtle" color="red" size="sm" mih={44} onClick={() => confirmRevoke(invite)}>
            Revoke
          </Button>
        </Group>
      )}
      <Divider />
      <Stack gap="xs">
        <Title order={3} size="h5">
          Registered with this invite
        </Title>
        {invite.users.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody has registered with this invite yet.
          </Text>
        ) : (
          <List spacing="xs" listStyleType="none" aria-label="People who registered with this invite">
            {invite.users.map((u) => (
              <List.Item key={u.id}>
                <Group justify="space-between" gap="sm">
                  <Text fw={600}>{u.username}</Text>
                  <Text size="sm" c="dimmed">
                    <RelativeTime value={u.createdAt} prefix="joined" />
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Stack>
  );
}
