import { Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { AdminUser } from '@client';
import { Field } from './field.tsx';
import { AuthMethods, InvitedBy, LastSignIn, StatusBadge, UserIdentity } from './user-parts.tsx';
import { RoleControl } from './role-control.tsx';
import { UserActions } from './user-actions.tsx';

interface Props {
  users: AdminUser[];
  selfId: string;
  onDelete: (user: AdminUser) => void;
}

/**
 * Users as a table on wide screens and as one card per person below 768 px, so a phone never
 * scrolls the page sideways. Both come from the same small parts.
 */
export function UsersList(props: Props) {
  return (
    <>
      <UsersTable {...props} />
      <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Users">
        {props.users.map((u) => (
          <UserCard key={u.id} user={u} isSelf={u.id === props.selfId} onDelete={props.onDelete} />
        ))}
      </Stack>
    </>
  );
}

function UsersTable({ users, selfId, onDelete }: Props) {
  return (
    <Card withBorder padding={0} radius="md" visibleFrom="sm">
      <Table.ScrollContainer minWidth={900} type="native" tabIndex={0} role="region" aria-label="Users table">
        <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Sign-in methods</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Invited by</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>
                <Text size="sm" fw={700} component="span">
                  Actions
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => {
              const isSelf = u.id === selfId;
              return (
                <Table.Tr key={u.id}>
                  <Table.Td miw={140}>
                    <UserIdentity user={u} isSelf={isSelf} />
                  </Table.Td>
                  <Table.Td>
                    <AuthMethods methods={u.authMethods} />
                  </Table.Td>
                  <Table.Td>
                    <RoleControl user={u} isSelf={isSelf} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={u.status} />
                  </Table.Td>
                  <Table.Td miw={120}>
                    <InvitedBy user={u} />
                  </Table.Td>
                  <Table.Td miw={120}>
                    <LastSignIn at={u.lastLoginAt} />
                  </Table.Td>
                  <Table.Td>
                    <UserActions user={u} isSelf={isSelf} onDelete={onDelete} compact />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function UserCard({
  user,
  isSelf,
  onDelete,
}: {
  user: AdminUser;
  isSelf: boolean;
  onDelete: (user: AdminUser) => void;
}) {
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-label={user.username}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <UserIdentity user={user} isSelf={isSelf} />
          <StatusBadge status={user.status} />
        </Group>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <Field label="Role">
            <RoleControl user={user} isSelf={isSelf} />
          </Field>
          <Field label="Last sign-in">
            <LastSignIn at={user.lastLoginAt} />
          </Field>
          <Field label="Sign-in methods">
            <AuthMethods methods={user.authMethods} />
          </Field>
          <Field label="Invited by">
            <InvitedBy user={user} />
          </Field>
        </SimpleGrid>
        <UserActions user={user} isSelf={isSelf} onDelete={onDelete} />
      </Stack>
    </Card>
  );
}
