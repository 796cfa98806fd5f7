import { useSearchParamState } from '../../lib/search-params.ts';
import { dayjs } from '../../lib/format.ts';
import type { Range } from './api.ts';
import type { KindDef } from './kinds.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | null) => (v && DAY.test(v) && dayjs(v).isValid() ? v : null);

/**
 * The page's filters live in the URL (`?from=2026-03-01&to=2026-03-31`), so a filtered list can
 * be bookmarked, shared and reloaded. Kinds dated by a moment filter by whole local days.
 */
export function useRangeParams(kind: KindDef) {
  const [params, setParams] = useSearchParamState();
  const from = day(params.get('from'));
  const to = day(params.get('to'));

  const range: Range =
    kind.dateType === 'date'
      ? { from: from ?? undefined, to: to ?? undefined }
      : {
          from: from ? dayjs(from).startOf('day').toISOString() : undefined,
          to: to ? dayjs(to).endOf('day').toISOString() : undefined,
        };

  const setDays = (next: [string | null, string | null]) => setParams({ from: next[0], to: next[1] });

  const param = (key: string) => params.get(key);
  const setParam = (key: string, value: string | null) => setParams({ [key]: value });

  return { from, to, range, setDays, param, setParam, filtered: Boolean(from || to) };
}
