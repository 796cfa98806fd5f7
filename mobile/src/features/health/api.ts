import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Api, type CheckIn } from '@client';
import { useClient } from '../../session/app-session';
import { checkInLine, healthRecordLine, interventionLine, labResultLine, observationLine } from './words';

/** Home's server state: today's check-in, saving it, and the newest entry of each kind. */

const keys = {
  checkIns: ['check-ins'] as const,
  today: (date: string) => ['check-ins', 'day', date] as const,
  latest: (kind: LatestKind) => ['latest', kind] as const,
};

/** The check-in of `date`, or null. Lists are newest first and filter on the date, both bounds included. */
async function checkInOf(api: Api, date: string): Promise<CheckIn | null> {
  const page = await unwrap(api.GET('/api/v1/check-ins', { params: { query: { from: date, to: date, limit: 1 } } }));
  return page.items[0] ?? null;
}

/** Today's check-in (`date` is today in the phone's zone), or null when there is none yet. */
export function useTodayCheckIn(date: string) {
  const { api } = useClient();
  return useQuery({ queryKey: keys.today(date), queryFn: () => checkInOf(api, date) });
}

export interface CheckInValues {
  mood: number | null;
  energy: number | null;
  sleepHours: number | null;
}

/**
 * Saves the day's check-in: one per day, so an existing one is changed (PATCH), never doubled.
 * The server is asked again right before writing — the dashboard may have added today's
 * check-in since this screen loaded it.
 */
export function useSaveCheckIn(date: string) {
  const { api } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CheckInValues): Promise<CheckIn> => {
      const existing = await checkInOf(api, date);
      if (existing)
        return unwrap(api.PATCH('/api/v1/check-ins/{id}', { params: { path: { id: existing.id } }, body: values }));
      return unwrap(api.POST('/api/v1/check-ins', { body: { date, ...values } }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.today(date), saved);
      void queryClient.invalidateQueries({ queryKey: keys.latest('check-ins') });
    },
  });
}

/** The kinds Home shows a latest entry of (integrations are settings, not entries). */
export type LatestKind = 'check-ins' | 'observations' | 'lab-results' | 'interventions' | 'health-records';

interface LatestDef {
  kind: LatestKind;
  /** "Check-ins": the row's name */
  title: string;
  /** what the row says when there is nothing of the kind */
  none: string;
  /** the newest entry of the kind as one line of words, or null */
  fetch: (api: Api) => Promise<string | null>;
}

const newest = <T>(page: { items: T[] }, toLine: (item: T) => string) => {
  const item = page.items[0];
  return item === undefined ? null : toLine(item);
};
const one = { params: { query: { limit: 1 } } };

/** The five kinds, in the order Home lists them: the daily one first. */
export const LATEST: readonly LatestDef[] = [
  {
    kind: 'check-ins',
    title: 'Check-ins',
    none: 'No check-ins yet.',
    fetch: async (api) => newest(await unwrap(api.GET('/api/v1/check-ins', one)), (c) => checkInLine(c)),
  },
  {
    kind: 'observations',
    title: 'Observations',
    none: 'No observations yet.',
    fetch: async (api) => newest(await unwrap(api.GET('/api/v1/observations', one)), (o) => observationLine(o)),
  },
  {
    kind: 'lab-results',
    title: 'Lab results',
    none: 'No lab results yet.',
    fetch: async (api) => newest(await unwrap(api.GET('/api/v1/lab-results', one)), (r) => labResultLine(r)),
  },
  {
    kind: 'interventions',
    title: 'Interventions',
    none: 'No interventions yet.',
    fetch: async (api) => newest(await unwrap(api.GET('/api/v1/interventions', one)), (i) => interventionLine(i)),
  },
  {
    kind: 'health-records',
    title: 'Health records',
    none: 'No health records yet.',
    fetch: async (api) => newest(await unwrap(api.GET('/api/v1/health-records', one)), (h) => healthRecordLine(h)),
  },
];

/**
 * The newest entry of every kind, as one list state: loading until all have answered, failed
 * (one Retry for all) if any failed, so Home shows one calm state instead of five.
 */
export function useLatestEntries() {
  const { api } = useClient();
  return useQueries({
    queries: LATEST.map((def) => ({ queryKey: keys.latest(def.kind), queryFn: () => def.fetch(api) })),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      isError: results.some((r) => r.isError),
      error: results.find((r) => r.isError)?.error ?? null,
      refetch: () => Promise.all(results.filter((r) => r.isError || r.isSuccess).map((r) => r.refetch())),
      lines: LATEST.map((def, i) => ({ ...def, line: results[i]?.data ?? null })),
    }),
  });
}
