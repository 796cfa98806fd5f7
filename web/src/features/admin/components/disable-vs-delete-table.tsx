import { Code, Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';

/** The Admin guide's table (README), row by row: what each choice does to a person. */
const ROWS: [string, string, string][] = [
  [
    'Signing in',
    'Still works (password, Google, Apple), but gives only a 5-minute limited token and no refresh token',
    'Impossible: the account is gone',
  ],
  [
    'Sessions already open',
    'Refresh tokens stop working at once; access tokens fall to the limited set on their next request',
    'Ended at once',
  ],
  [
    'What the person can do',
    'Read their profile, export their data, see their export history, delete their own account, log out; everything else is refused',
    'Nothing',
  ],
  [
    'Their data',
    'Kept untouched',
    'Removed for good — health records, check-ins, interventions, observations, lab results, integration tokens, export history, sessions, provider identities — in one transaction',
  ],
  ['Undo', 'Re-enable: full access on the next request, all data intact', 'Impossible'],
  ['Username and email', 'Stay reserved', 'Free for a new account'],
  [
    'Audit log',
    'Records the status change',
    'Records the deletion by account id only; nothing personal of the deleted person is kept',
  ],
  ['Last admin', 'Refused', 'Refused'],
];

/**
 * Disable vs Delete, side by side, so an admin sees what is lost before choosing. On a phone
 * each row becomes a small card (Disable, then Delete) instead of a table to scroll sideways.
 */
export function DisableVsDeleteTable() {
  return (
    <>
      <WideTable />
      <Stack gap="xs" hiddenFrom="sm" component="section" aria-label="Disable vs Delete">
        {ROWS.map(([what, disable, del]) => (
          <Paper key={what} withBorder p="xs" radius="sm">
            <Text size="sm" fw={700} mb={4}>
              {what}
            </Text>
            <SimpleGrid cols={1} spacing={4}>
              <Text size="xs">
                <Text span fw={700} inherit>
                  Disable:{' '}
                </Text>
                {disable}
              </Text>
              <Text size="xs">
                <Text span fw={700} inherit>
                  Delete:{' '}
                </Text>
                {del}
              </Text>
            </SimpleGrid>
          </Paper>
        ))}
        <Text size="xs" c="dimmed">
          From the Admin guide. The last admin can be neither disabled nor deleted (<Code>last_admin</Code>).
        </Text>
      </Stack>
    </>
  );
}

function WideTable() {
  return (
    <Table.ScrollContainer
      visibleFrom="sm"
      minWidth={560}
      type="native"
      tabIndex={0}
      role="region"
      aria-label="Disable vs Delete"
    >
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" fz="xs" layout="fixed">
        <Table.Caption>
          <Text size="xs" c="dimmed" component="span">
            From the Admin guide. The last admin can be neither disabled nor deleted (<Code>last_admin</Code>).
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="20%">
              <VisuallyHidden>What changes</VisuallyHidden>
            </Table.Th>
            <Table.Th>Disable</Table.Th>
            <Table.Th>Delete</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map(([what, disable, del]) => (
            <Table.Tr key={what}>
              <Table.Th scope="row" fw={600}>
                {what}
              </Table.Th>
              <Table.Td>{disable}</Table.Td>
              <Table.Td>{del}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
