import { LineChart } from '@mantine/charts';
import { Select } from '@mantine/core';
import { dayjs } from '../../../../lib/format.ts';
import { useRecent, type Range } from '../../api.ts';
import { rangeFlag } from '../../lab-range.ts';
import { ChartFrame } from './chart-frame.tsx';

/**
 * One analyte's results over time against its reference range (the shaded band), so a value
 * drifting out of range stands out before anyone reads a number.
 */
export function LabChart({
  range,
  analyte,
  onAnalyte,
}: {
  range: Range;
  analyte: string | null;
  onAnalyte: (a: string | null) => void;
}) {
  const query = useRecent('lab-results', range, 200);
  const items = query.data?.items ?? [];
  const analytes = [...new Set(items.map((i) => String(i.analyte)))].sort((a, b) => a.localeCompare(b));
  const chosen = analyte && analytes.includes(analyte) ? analyte : (analytes[0] ?? null);
  const rows = items.filter((i) => i.analyte === chosen).reverse();
  const latestWithRange = [...rows]
    .reverse()
    .find((i) => typeof i.referenceLow === 'number' || typeof i.referenceHigh === 'number');
  const lo = typeof latestWithRange?.referenceLow === 'number' ? latestWithRange.referenceLow : null;
  const hi = typeof latestWithRange?.referenceHigh === 'number' ? latestWithRange.referenceHigh : null;
  const unit = rows.map((r) => r.unit).find((u): u is string => typeof u === 'string' && u !== '') ?? '';
  const data = rows.map((r) => ({ t: dayjs(String(r.collectedOn)).valueOf(), value: Number(r.value) }));
  const first = data[0]?.t ?? 0;
  const last = Math.max(data[data.length - 1]?.t ?? 0, first + 86_400_000);
  const flagged = rows.filter((r) => rangeFlag(r) !== null).length;

  const summary = rows.length
    ? `Line chart of ${rows.length} ${chosen} results${unit ? ` in ${unit}` : ''}, latest ${data[data.length - 1].value}` +
      (lo !== null || hi !== null
        ? `, reference range ${lo ?? 'no lower limit'} to ${hi ?? 'no upper limit'}; ${flagged} outside the range.`
        : '.')
    : '';
  const values = data.map((d) => d.value).concat(lo ?? [], hi ?? []);
  const pad = values.length ? (Math.max(...values) - Math.min(...values)) * 0.15 || 1 : 1;

  return (
    <ChartFrame
      title={
        chosen
          ? `${chosen}${unit ? ` (${unit})` : ''} against its reference range`
          : 'Results against their reference range'
      }
      subtitle={
        lo !== null || hi !== null ? 'Shaded: the reference range.' : 'No reference range recorded for this analyte.'
      }
      query={query}
      summary={summary}
      emptyText="No lab results in this period yet. Add one to see it against its range."
      control={
        analytes.length > 0 && (
          <Select
            label="Analyte"
            data={analytes}
            value={chosen}
            onChange={onAnalyte}
            allowDeselect={false}
            w={{ base: '100%', xs: 240 }}
          />
        )
      }
    >
      <LineChart
        h={240}
        data={data}
        dataKey="t"
        xAxisProps={{
          type: 'number',
          scale: 'time',
          domain: [first, last],
          tickFormatter: (t: number) => dayjs(t).format('D MMM YY'),
          minTickGap: 24,
          padding: { left: 12, right: 12 },
        }}
        tooltipProps={{ labelFormatter: (t: unknown) => dayjs(Number(t)).format('D MMM YYYY') }}
        accessibilityLayer={false}
        curveType="linear"
        valueFormatter={(v) => `${v.toLocaleString()}${unit ? ` ${unit}` : ''}`}
        yAxisProps={{
          domain: values.length
            ? [
                Math.max(Math.min(...values) >= 0 ? 0 : -Infinity, Math.floor((Math.min(...values) - pad) * 10) / 10),
                Math.ceil((Math.max(...values) + pad) * 10) / 10,
              ]
            : ['auto', 'auto'],
          width: 48,
          tickFormatter: (v: number) => v.toLocaleString(),
        }}
        series={[{ name: 'value', label: chosen ?? 'Value', color: 'cyan.7' }]}
        referenceAreas={
          lo !== null || hi !== null
            ? [
                {
                  y1: lo ?? Math.min(...values) - pad,
                  y2: hi ?? Math.max(...values) + pad,
                  color: 'teal',
                  fillOpacity: 0.12,
                  ifOverflow: 'hidden',
                  label: {
                    value: 'Reference range',
                    position: 'insideTopRight',
                    fontSize: 11,
                    fill: 'var(--mantine-color-dimmed)',
                  },
                },
              ]
            : []
        }
      />
    </ChartFrame>
  );
}
