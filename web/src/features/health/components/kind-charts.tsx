import { formatDay, type KindDef } from '../kinds.ts';
import type { useRangeParams } from '../use-range-params.ts';
import { CheckInChart } from './charts/checkin-chart.tsx';
import { LabChart } from './charts/lab-chart.tsx';
import { ObservationChart } from './charts/observation-chart.tsx';

type Filters = ReturnType<typeof useRangeParams>;

/** "1 Mar 2026 – 31 Mar 2026", or the latest entries when no range is set. */
export function periodText(f: Pick<Filters, 'from' | 'to'>): string {
  if (f.from && f.to) return `${formatDay(f.from)} – ${formatDay(f.to)}`;
  if (f.from) return `Since ${formatDay(f.from)}`;
  if (f.to) return `Until ${formatDay(f.to)}`;
  return 'Your latest 200 entries';
}

/** The chart of a kind's page, for the kinds people would rather look at than read. */
export function KindCharts({ kind, filters }: { kind: KindDef; filters: Filters }) {
  switch (kind.id) {
    case 'check-ins':
      return <CheckInChart range={filters.range} subtitle={periodText(filters)} />;
    case 'observations':
      return (
        <ObservationChart
          range={filters.range}
          metric={filters.param('metric')}
          onMetric={(m) => filters.setParam('metric', m)}
        />
      );
    case 'lab-results':
      return (
        <LabChart
          range={filters.range}
          analyte={filters.param('analyte')}
          onAnalyte={(a) => filters.setParam('analyte', a)}
        />
      );
    default:
      return null;
  }
}
