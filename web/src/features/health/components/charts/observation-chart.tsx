import { LineChart } from '@mantine/charts';
import { Select } from '@mantine/core';
import { dayjs } from '../../../../lib/format.ts';
import { useRecent, type Range } from '../../api.ts';
import { ChartFrame } from './chart-frame.tsx';

const DAY = 86_400_000;

/**
 * One metric's values over time with the periods of the person's interventions shaded and
 * named, so "did my resting heart rate drop after I started magnesium?" can be seen at once.
 */
export function ObservationChart({
  range,
  metric,
  onMetric,
}: {
  range: Range;
  metric: string | null;
  onMetric: (m: string | null) => void;
}) {
  const query = useRecent('observations', range, 200);
  const interventions = useRecent('interventions', {}, 200);
  const items = query.data?.items ?? [];
  const metrics = [...new Set(items.map((i) => String(i.metric)))].sort((a, b) => a.localeCompare(b));
  const chosen = metric && metrics.includes(metric) ? metric : (metrics[0] ?? null);
  const points = items
    .filter((i) => i.metric === chosen)
    .map((i) => ({
      t: dayjs(String(i.observedAt)).valueOf(),
      value: Number(i.value),
      unit: typeof i.unit === 'string' ? i.unit : '',
    }))
    .sort((a, b) => a.t - b.t);
  const unit = points.find((p) => p.unit)?.unit ?? '';
  const min = points[0]?.t ?? 0;
  const max = Math.max(points[points.length - 1]?.t ?? 0, min + DAY);

  const areas = (interventions.data?.items ?? [])
    .map((i) => ({
      name: String(i.name),
      x1: dayjs(String(i.startedOn)).valueOf(),
      x2: i.endedOn ? dayjs(String(i.endedOn)).endOf('day').valueOf() : max,
    }))
    .filter((a) => a.x1 <= max && a.x2 >= min)
    .map((a) => ({ x1: Math.max(a.x1, min), x2: Math.min(a.x2, max), name: a.name }));

  const values = points.map((p) => p.value);
  const summary = points.length
    ? `Line chart of ${points.length} ${chosen} values${unit ? ` in ${unit}` : ''} from ${dayjs(min).format('D MMM YYYY')} to ${dayjs(points[points.length - 1].t).format('D MMM YYYY')}, ` +
      `lowest ${Math.min(...values)}, highest ${Math.max(...values)}, latest ${values[values.length - 1]}.` +
      (areas.length ? ` Shaded periods: ${areas.map((a) => a.name).join(', ')}.` : '')
    : '';

  return (
    <ChartFrame
      title={chosen ? `${capitalise(chosen)} over time${unit ? ` (${unit})` : ''}` : 'Observations over time'}
      subtitle="Shaded: your interventions, while they ran."
      query={query}
      summary={summary}
      emptyText="No observations in this period yet. Add one to see it over time."
      control={
        metrics.length > 0 && (
          <Select
            label="Metric"
            data={metrics}
            value={chosen}
            onChange={onMetric}
            allowDeselect={false}
            w={{ base: '100%', xs: 220 }}
          />
        )
      }
    >
      <LineChart
        h={260}
        data={points}
        dataKey="t"
        accessibilityLayer={false}
        curveType="linear"
        valueFormatter={(v) => `${v.toLocaleString()}${unit ? ` ${unit}` : ''}`}
        xAxisProps={{
          type: 'number',
          scale: 'time',
          domain: [min, max],
          tickFormatter: (t: number) => dayjs(t).format('D MMM'),
          minTickGap: 24,
          padding: { left: 8, right: 8 },
        }}
        yAxisProps={{ domain: ['auto', 'auto'], width: 48, tickFormatter: (v: number) => v.toLocaleString() }}
        tooltipProps={{ labelFormatter: (t: unknown) => dayjs(Number(t)).format('D MMM YYYY, HH:mm') }}
        series={[{ name: 'value', label: chosen ?? 'Value', color: 'cyan.7' }]}
        referenceAreas={areas.map((a, i) => ({
          x1: a.x1,
          x2: a.x2,
          color: i % 2 ? 'grape' : 'yellow',
          fillOpacity: 0.15,
          ifOverflow: 'hidden',
          label: { value: a.name, position: 'insideTopLeft', fontSize: 11, fill: 'var(--mantine-color-dimmed)' },
        }))}
      />
    </ChartFrame>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
