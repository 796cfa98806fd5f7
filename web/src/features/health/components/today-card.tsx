import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { QueryState } from '../../../components/query-state.tsx';
import { dayjs } from '../../../lib/format.ts';
import { useRecent } from '../api.ts';
import { KINDS, type HealthItem } from '../kinds.ts';
import { ItemFormModal } from './item-form-modal.tsx';
import { ValueCell } from './value-cell.tsx';

const kind = KINDS['check-ins'];

/** Today's check-in at a glance, or the one button that adds it: the daily habit Home is for. */
export function TodayCard() {
  const today = dayjs().format('YYYY-MM-DD');
  const query = useRecent('check-ins', { from: today, to: today }, 1);
  const [open, setOpen] = useState(false);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="today-title">
      <Title order={2} size="h4" id="today-title" mb="sm">
        Today, {dayjs().format('dddd D MMMM')}
      </Title>
      <QueryState query={query} loadingLabel="Loading today’s check-in…">
        {(page) => {
          const item: HealthItem | undefined = page.items[0];
          if (!item) {
            return (
              <Group justify="space-between" gap="sm">
                <Text c="dimmed">
                  You have not checked in today. It takes ten seconds: mood, energy and last night’s sleep.
                </Text>
                <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setOpen(true)}>
                  Add today’s check-in
                </Button>
                <ItemFormModal kind={kind} opened={open} onClose={() => setOpen(false)} />
              </Group>
            );
          }
          return (
            <Group justify="space-between" gap="md" align="flex-end">
              <Group gap="xl">
                {kind.columns
                  .filter((c) => c.onCard && c.name !== 'notes')
                  .map((c) => (
                    <Stack key={c.name} gap={0}>
                      <Text size="xs" c="dimmed">
                        {c.label}
                      </Text>
                      <Text size="xl" fw={600}>
                        <ValueCell column={c} item={item} />
                      </Text>
                    </Stack>
                  ))}
              </Group>
              <Button
                variant="default"
                leftSection={<IconPencil size={18} aria-hidden />}
                onClick={() => setOpen(true)}
              >
                Edit today’s check-in
              </Button>
              <ItemFormModal kind={kind} item={item} opened={open} onClose={() => setOpen(false)} />
            </Group>
          );
        }}
      </QueryState>
    </Paper>
  );
}
