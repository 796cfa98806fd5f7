import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { Invite } from '@client';
import { Field } from './field.tsx';
import { InviteActions } from './invite-actions.tsx';
import { InviteCode, InviteExpiry, InviteStateBadge, InviteUses } from './invite-parts.tsx';

interface Props {
  invites: Invite[];
  onOpen: (invite: Invite) => void;
}

/** The label opens the invite (who registered with it); unlabelled invites still get a name. */
function OpenInvite({ invite, onOpen }: { invite: Invite; onOpen: (invite: Invite) => void }) {
  return (
    <Anchor
      component="button"
      type="button"
      fw={600}
      ta="left"
      onClick={() => onOpen(invite)}
      mih={44}
      aria-haspopup="dialog"
    >
      {invite.label ?? (
        <Text span c="dimmed" fs="italic" inherit>
          No label
        </Text>
      )}
    </Anchor>
  );
}

/** Invites as a table on wide screens and as cards on a phone. */
export function InvitesList(props: Props) {
  return (
    <>
      <Card withBorder padding={0} radius="md" visibleFrom="sm">
        <Table.ScrollContainer minWidth={900} type="native" tabIndex={0} role="region" aria-label="Invites table">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Label</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Uses</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.invites.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <OpenInvite invite={i} onOpen={props.onOpen} />
                  </Table.Td>
                  <Table.Td>
                    <InviteCode code={i.code} />
                  </Table.Td>
                  <Table.Td>
                    <InviteUses invite={i} />
                  </Table.Td>
                  <Table.Td>
                    <InviteExpiry expiresAt={i.expiresAt} />
                  </Table.Td>
                  <Table.Td>
                    <InviteStateBadge state={i.state} />
                  </Table.Td>
                  <Table.Td>
                    <InviteActions invite={i} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Invites">
        {props.invites.map((i) => (
          <Card key={i.id} withBorder radius="md" padding="md" component="li" aria-label={i.label ?? i.code}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <OpenInvite invite={i} onOpen={props.onOpen} />
                <InviteStateBadge state={i.state} />
              </Group>
              <Field label="Code">
                <InviteCode code={i.code} />
              </Field>
              <SimpleGrid cols={2} spacing="sm">
                <Field label="Uses">
                  <InviteUses invite={i} />
                </Field>
                <Field label="Expires">
                  <InviteExpiry expiresAt={i.expiresAt} />
                </Field>
              </SimpleGrid>
              <InviteActions invite={i} />
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
