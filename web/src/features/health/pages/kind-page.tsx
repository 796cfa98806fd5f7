import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { useKindList } from '../api.ts';
import { DateRangeFilter } from '../components/date-range-filter.tsx';
import { ItemFormModal } from '../components/item-form-modal.tsx';
import { KindCharts } from '../components/kind-charts.tsx';
import { KindTable } from '../components/kind-table.tsx';
import { addLabel, KINDS, type HealthItem, type KindId } from '../kinds.ts';
import { useRangeParams } from '../use-range-params.ts';

/** The dialog's state; the item stays while it closes, so its title does not flip to "Add". */
type FormState = { open: boolean; item?: HealthItem };

/**
 * The page of one kind of health data, built from its description: Add, a date-range filter
 * kept in the URL, the kind's chart, and its entries newest first, 50 at a time.
 */
export default function KindPage({ kind: id }: { kind: KindId }) {
  const kind = KINDS[id];
  const filters = useRangeParams(kind);
  const list = useKindList(id, filters.range);
  // `?add=1` (Home's "Add your first …" links) opens the Add dialog straight away
  const [form, setForm] = useState<FormState>(() => ({ open: Boolean(filters.param('add')) }));
  const closeForm = () => {
    setForm((f) => ({ ...f, open: false }));
    if (filters.param('add')) filters.setParam('add', null);
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const add = (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setForm({ open: true })}>
      {addLabel(kind)}
    </Button>
  );

  return (
    <>
      <PageHeader title={kind.plural} description={kind.description} action={add} />
      <Stack gap="lg">
        <Group align="flex-end" justify="space-between" gap="sm">
          <DateRangeFilter
            key={`${filters.from}|${filters.to}`}
            value={[filters.from, filters.to]}
            onChange={filters.setDays}
          />
          {filters.filtered && (
            <Button variant="subtle" onClick={() => filters.setDays([null, null])}>
              Show all dates
            </Button>
          )}
        </Group>
        <KindCharts kind={kind} filters={filters} />
        <QueryState
          query={{ ...list, data: list.data }}
          isEmpty={() => items.length === 0}
          loadingLabel={`Loading your ${kind.plural.toLowerCase()}…`}
          empty={
            <>
              <Text>{filters.filtered ? `No ${kind.plural.toLowerCase()} in this date range.` : kind.emptyText}</Text>
              {filters.filtered ? (
                <Button variant="light" onClick={() => filters.setDays([null, null])}>
                  Show all dates
                </Button>
              ) : (
                add
              )}
            </>
          }
        >
          {() => (
            <Stack gap="md">
              <KindTable kind={kind} items={items} onEdit={(item) => setForm({ open: true, item })} />
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {countText(
                    items.length,
                    list.hasNextPage,
                    kind.singular,
                    kind.plural.toLowerCase(),
                    filters.filtered,
                  )}
                </Text>
                {list.hasNextPage && (
                  <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                    Load more
                  </Button>
                )}
              </Group>
            </Stack>
          )}
        </QueryState>
      </Stack>
      <ItemFormModal kind={kind} item={form.item} opened={form.open} onClose={closeForm} />
    </>
  );
}

/** "Showing the latest 50 check-ins.", "Showing all 60 check-ins in this range." */
function countText(n: number, more: boolean, singular: string, plural: string, filtered: boolean): string {
  const where = filtered ? ' in this range' : '';
  if (more) return `Showing the latest ${n} ${plural}${where}.`;
  return n === 1 ? `Showing 1 ${singular}${where}.` : `Showing all ${n} ${plural}${where}.`;
}
