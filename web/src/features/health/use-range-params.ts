import { useSearchParams } from 'react-router';
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
  const [params, setParams] = useSearchParams();
  const from = day(params.get('from'));
  const to = day(params.get('to'));

  const range: Range =
    kind.dateType === 'date'
      ? { from: from ?? undefined, to: to ?? undefined }
      : { from: from ? dayjs(from).startOf('day').toISOString() : undefined, to: to ? dayjs(to).endOf('day').toISOString() : undefined };

  const setDays = (next: [string | null, string | null]) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [key, value] of [['from', next[0]], ['to', next[1]]] as const) {
          if (value) p.set(key, value);
          else p.delete(key);
        }
        return p;
      },
      { replace: true },
    );

  const param = (key: string) => params.get(key);
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  return { from, to, range, setDays, param, setParam, filtered: Boolean(from || to) };
}
