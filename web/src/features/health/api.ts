import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@client';
import { api } from '../../lib/client.ts';
import { KINDS, type HealthItem, type KindDef, type KindId } from './kinds.ts';

/**
 * The health pages' server state: one set of hooks for every kind, keyed by the kind, so a
 * change to one kind refreshes its lists (and Home) and nothing else.
 */

export interface Page {
  items: HealthItem[];
  nextCursor: string | null;
}

/** The API's `from`/`to` for a kind: days as they are, or the days' local start and end as instants. */
export interface Range {
  from?: string;
  to?: string;
}

type Body = Record<string, unknown>;
type ListQuery = Range & { cursor?: string; limit?: number };

// The six kinds share one shape (contract/health.ts), so one set of calls serves them all;
// the typed client is asked with the kind's own path, and the answers read as HealthItem.
const listPath = (k: KindDef) => k.apiPath as '/api/v1/check-ins';
const itemPath = (k: KindDef) => `${k.apiPath}/{id}` as '/api/v1/check-ins/{id}';

function list(k: KindDef, query: ListQuery): Promise<Page> {
  return unwrap(api.GET(listPath(k), { params: { query } })) as Promise<Page>;
}

export const healthKeys = {
  kind: (kind: KindId) => ['health', kind] as const,
  list: (kind: KindId, range: Range) => ['health', kind, 'list', range] as const,
  recent: (kind: KindId, range: Range, limit: number) => ['health', kind, 'recent', range, limit] as const,
};

/** A kind's list, newest first, one page of 50 at a time ("Load more" asks for the next). */
export function useKindList(kind: KindId, range: Range) {
  return useInfiniteQuery({
    queryKey: healthKeys.list(kind, range),
    queryFn: ({ pageParam }) => list(KINDS[kind], { ...range, cursor: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The newest items of a kind in a range, at most `limit` (200 is the API's largest page): for charts and Home. */
export function useRecent(kind: KindId, range: Range, limit: number) {
  return useQuery({
    queryKey: healthKeys.recent(kind, range, limit),
    queryFn: () => list(KINDS[kind], { ...range, limit }),
  });
}

function useInvalidate(kind: KindId) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: healthKeys.kind(kind) });
}

export function useCreateItem(kind: KindId) {
  const invalidate = useInvalidate(kind);
  return useMutation({
    mutationFn: (body: Body) =>
      unwrap(api.POST(listPath(KINDS[kind]), { body: body as { date: string } })) as Promise<HealthItem>,
    onSuccess: invalidate,
  });
}

/** PATCH with only the changed fields; `null` clears an optional one. */
export function useUpdateItem(kind: KindId) {
  const invalidate = useInvalidate(kind);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Body }) =>
      unwrap(api.PATCH(itemPath(KINDS[kind]), { params: { path: { id } }, body })) as Promise<HealthItem>,
    onSuccess: invalidate,
  });
}

export function useDeleteItem(kind: KindId) {
  const invalidate = useInvalidate(kind);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE(itemPath(KINDS[kind]), { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
