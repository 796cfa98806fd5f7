import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { rangeFlag, rangeText } from '../lab-range.ts';
import { formatDay, INTERVENTION_KINDS, type ColumnDef, type HealthItem } from '../kinds.ts';

const SCORE_WORDS = ['very low', 'low', 'OK', 'good', 'very good'];

/** "High"/"Low" in colour, words and an arrow, for a lab value outside its reference range (red either way: both need a look). */
export function RangeBadge({ item }: { item: HealthItem }) {
  const flag = rangeFlag(item);
  if (!flag) return null;
  return (
    <Badge
      color="red"
      c="red.9"
      variant="light"
      leftSection={flag === 'high' ? <IconArrowUp size={12} aria-hidden /> : <IconArrowDown size={12} aria-hidden />}
    >
      {flag === 'high' ? 'High' : 'Low'}
    </Badge>
  );
}

/** One value of one item, in the words of its column: dates as people read them, tokens as hints. */
export function ValueCell({ column, item }: { column: ColumnDef; item: HealthItem }) {
  const v = item[column.name];
  if (v === null || v === undefined || v === '')
    return (
      <Text c="dimmed" size="sm" component="span" aria-label="not set">
        —
      </Text>
    );
  switch (column.format) {
    case 'date':
      return <>{formatDay(String(v))}</>;
    case 'time':
      return <RelativeTime value={String(v)} />;
    case 'score':
      return <span title={SCORE_WORDS[Number(v) - 1]}>{String(v)} / 5</span>;
    case 'hours':
      return <>{Number(v).toLocaleString()} h</>;
    case 'number':
      return <>{Number(v).toLocaleString()}</>;
    case 'option':
      return <>{INTERVENTION_KINDS.find((k) => k.value === v)?.label ?? String(v)}</>;
    case 'tokenHint':
      return (
        <Text component="span" ff="monospace" size="sm" aria-label={`token ending in ${String(v)}`}>
          ••••{String(v)}
        </Text>
      );
    case 'json':
      return (
        <Text component="span" size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {readableJson(v)}
        </Text>
      );
    case 'labValue': {
      const range = rangeText(item);
      return (
        <Stack gap={2}>
          <Group gap={6} wrap="wrap">
            <Text component="span" size="sm" fw={500}>
              {Number(v).toLocaleString()}
              {typeof item.unit === 'string' && item.unit ? ` ${item.unit}` : ''}
            </Text>
            <RangeBadge item={item} />
          </Group>
          {range && (
            <Text size="xs" c="dimmed">
              Range {range}
            </Text>
          )}
        </Stack>
      );
    }
    default:
      return (
        <Text component="span" size="sm" lineClamp={2}>
          {String(v)}
        </Text>
      );
  }
}

/** A flat record reads as "systolic 121 · diastolic 79"; anything nested stays JSON. */
function readableJson(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.every(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      return entries.map(([k, v]) => `${k} ${String(v)}`).join(' · ');
    }
  }
  return JSON.stringify(value);
}
