import { LineChart } from '@mantine/charts';
import { dayjs } from '../../../../lib/format.ts';
import { useRecent, type Range } from '../../api.ts';
import { ChartFrame } from './chart-frame.tsx';

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
const nums = (xs: unknown[]) => xs.filter((x): x is number => typeof x === 'number');

/**
 * Mood and energy (1–5) and hours of sleep over time, from the check-ins of a range: a line is
 * quicker to read than a table when the question is "am I sleeping better?".
 */
export function CheckInChart({ range, subtitle }: { range: Range; subtitle: string }) {
  const query = useRecent('check-ins', range, 200);
  const items = [...(query.data?.items ?? [])].reverse();
  const data = items.map((i) => ({
    day: dayjs(String(i.date)).format('D MMM'),
    mood: i.mood,
    energy: i.energy,
    sleep: i.sleepHours,
  }));
  const avg = {
    mood: mean(nums(items.map((i) => i.mood))),
    energy: mean(nums(items.map((i) => i.energy))),
    sleep: mean(nums(items.map((i) => i.sleepHours))),
  };
  const summary = items.length
    ? `Line chart of ${items.length} check-ins from ${dayjs(String(items[0].date)).format('D MMM YYYY')} to ${dayjs(String(items[items.length - 1].date)).format('D MMM YYYY')}. ` +
      `Average mood ${avg.mood ?? 'not recorded'} of 5, energy ${avg.energy ?? 'not recorded'} of 5, sleep ${avg.sleep ?? 'not recorded'} hours.`
    : '';

  return (
    <ChartFrame
      title="Mood, energy and sleep"
      subtitle={subtitle}
      query={query}
      summary={summary}
      emptyText="No check-ins in this period yet. Add one to see this chart."
    >
      <LineChart
        h={240}
        data={data}
        dataKey="day"
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 40 }}
        accessibilityLayer={false}
        connectNulls
        curveType="linear"
        yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5], width: 28 }}
        withRightYAxis
        rightYAxisProps={{ domain: [0, (max: number) => Math.max(12, Math.ceil(max))], width: 32 }}
        rightYAxisLabel="hours"
        series={[
          { name: 'mood', label: 'Mood', color: 'cyan.7' },
          { name: 'energy', label: 'Energy', color: 'teal.5', strokeDasharray: '6 3' },
          { name: 'sleep', label: 'Sleep (h)', color: 'gray.6', yAxisId: 'right' },
        ]}
      />
    </ChartFrame>
  );
}
