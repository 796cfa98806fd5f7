import { Box, Card, Group, Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { HealthItem, KindDef } from '../kinds.ts';
import { ItemActions } from './item-actions.tsx';
import { ValueCell } from './value-cell.tsx';

/**
 * A kind's items, newest first: a table on wide screens, a list of cards on phones (the first
 * column is the card's title), so nothing ever scrolls the page sideways.
 */
export function KindTable({
  kind,
  items,
  onEdit,
}: {
  kind: KindDef;
  items: HealthItem[];
  onEdit: (item: HealthItem) => void;
}) {
  const [first, ...rest] = kind.columns;
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {kind.columns.map((c) => (
                  <Table.Th key={c.name} scope="col">
                    {c.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  {kind.columns.map((c) => (
                    <Table.Td key={c.name} maw={c.format === 'text' || c.format === 'json' ? 320 : undefined}>
                      <ValueCell column={c} item={item} />
                    </Table.Td>
                  ))}
                  <Table.Td w={110}>
                    <ItemActions kind={kind} item={item} onEdit={onEdit} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Stack gap="sm" hiddenFrom="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={kind.plural}>
        {items.map((item) => (
          <Card key={item.id} withBorder radius="md" padding="md" component="li">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Text component="div" fw={600} size="sm" mt={10} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <ValueCell column={first} item={item} />
              </Text>
              <ItemActions kind={kind} item={item} onEdit={onEdit} />
            </Group>
            <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} mt="xs">
              {rest
                .filter((c) => c.onCard)
                .map((c) => (
                  <Stack key={c.name} gap={0} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed">
                      {c.label}
                    </Text>
                    <Box fz="sm" style={{ overflowWrap: 'anywhere' }}>
                      <ValueCell column={c} item={item} />
                    </Box>
                  </Stack>
                ))}
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    </>
  );
}
