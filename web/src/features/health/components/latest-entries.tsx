import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../../components/query-state.tsx';
import { useRecent } from '../api.ts';
import { KIND_IDS, KINDS, pathOf, type KindId } from '../kinds.ts';
import { RangeBadge, ValueCell } from './value-cell.tsx';

/** The few newest entries of every kind, each card leading to its page: what changed lately. */
export function LatestEntries() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {KIND_IDS.map((id) => (
        <LatestOfKind key={id} id={id} />
      ))}
    </SimpleGrid>
  );
}

function LatestOfKind({ id }: { id: KindId }) {
  const kind = KINDS[id];
  const query = useRecent(id, {}, 3);
  const title = kind.columns[0];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`latest-${id}`}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h5" id={`latest-${id}`}>
          {kind.plural}
        </Title>
        <Anchor component={Link} to={pathOf(id)} size="sm" py={10} aria-label={`All ${kind.plural.toLowerCase()}`}>
          See all
        </Anchor>
      </Group>
      <QueryState query={query} loadingLabel={`Loading ${kind.plural.toLowerCase()}…`}>
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing yet.{' '}
              <Anchor component={Link} to={`${pathOf(id)}?add=1`}>
                Add your first {kind.singular}
              </Anchor>
            </Text>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {page.items.map((item) => (
                <Stack key={item.id} gap={0} component="li">
                  <Text size="sm" fw={500} component="div" style={{ overflowWrap: 'anywhere' }}>
                    <ValueCell column={title} item={item} />
                  </Text>
                  <Group gap={6} wrap="wrap">
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {kind.summary(item)}
                    </Text>
                    <RangeBadge item={item} />
                  </Group>
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}
