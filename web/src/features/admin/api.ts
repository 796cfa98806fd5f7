import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, unwrap, type CreateInviteBody } from '@client';
import { api } from '../../lib/client.ts';

/** One page of a keyset list: small enough to render at once, whatever the size of the server. */
export const PAGE_SIZE = 50;

export type RoleFilter = 'admin' | 'user';
export type StatusFilter = 'active' | 'disabled';
export type InviteState = 'active' | 'expired' | 'exhausted' | 'revoked';

export interface UserFilters {
  q: string;
  role: RoleFilter | null;
  status: StatusFilter | null;
}

/** Query keys in one place, so every mutation invalidates exactly the lists it changes. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  usersPage: (f: UserFilters, cursor: string | null) => [...adminKeys.users(), f, cursor] as const,
  invites: () => [...adminKeys.all, 'invites'] as const,
  invitesPage: (state: InviteState | null, cursor: string | null) =>
    [...adminKeys.invites(), 'list', state, cursor] as const,
  invite: (id: string) => [...adminKeys.invites(), 'detail', id] as const,
  audit: () => [...adminKeys.all, 'audit'] as const,
  auditPage: (cursor: string | null) => [...adminKeys.audit(), cursor] as const,
  target: (ref: string) => [...adminKeys.audit(), 'target', ref] as const,
};

/** One page of users (ordered by username); the previous page stays on screen while the next loads. */
export function useAdminUsers(filters: UserFilters, cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.usersPage(filters, cursor),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/admin/users', {
          params: {
            query: {
              q: filters.q || undefined,
              role: filters.role ?? undefined,
              status: filters.status ?? undefined,
              cursor: cursor ?? undefined,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Role or status change; the lists and the audit log are refetched after, whatever the answer. */
export function useChangeUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: RoleFilter; status?: StatusFilter } }) =>
      unwrap(api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body: change })),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.users() }),
        qc.invalidateQueries({ queryKey: adminKeys.audit() }),
      ]),
  });
}

/** Permanent deletion of another account. */
export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/admin/users/{id}', { params: { path: { id } } })),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.users() }),
        qc.invalidateQueries({ queryKey: adminKeys.invites() }),
        qc.invalidateQueries({ queryKey: adminKeys.audit() }),
      ]),
  });
}

/** One page of invites, newest first, optionally of one state. */
export function useInvites(state: InviteState | null, cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.invitesPage(state, cursor),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/admin/invites', {
          params: { query: { state: state ?? undefined, cursor: cursor ?? undefined, limit: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** An invite with the people who registered with it; loaded only while it is open. */
export function useInviteDetail(id: string | null) {
  return useQuery({
    queryKey: adminKeys.invite(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/admin/invites/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
  });
}

export function useCreateInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInviteBody) => unwrap(api.POST('/api/v1/admin/invites', { body })),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.invites() }),
        qc.invalidateQueries({ queryKey: adminKeys.audit() }),
      ]),
  });
}

export function useRevokeInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/invites/{id}/revoke', { params: { path: { id } } })),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.invites() }),
        qc.invalidateQueries({ queryKey: adminKeys.audit() }),
      ]),
  });
}

/** One page of the audit log, newest first. */
export function useAudit(cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.auditPage(cursor),
    queryFn: () =>
      unwrap(api.GET('/api/v1/admin/audit', { params: { query: { cursor: cursor ?? undefined, limit: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Names of what an audit page refers to by id (`user:<id>`, `invite:<id>`): one request per
 * distinct target, cached across pages. A deleted account answers 404 and maps to null; an
 * invite without a label maps to its code.
 */
export function useTargetNames(refs: string[]): Map<string, string | null> {
  const results = useQueries({
    queries: refs.map((ref) => ({
      queryKey: adminKeys.target(ref),
      queryFn: async (): Promise<string | null> => {
        const [kind, id = ''] = ref.split(':');
        try {
          if (kind === 'invite') {
            const invite = await unwrap(api.GET('/api/v1/admin/invites/{id}', { params: { path: { id } } }));
            return invite.label ? `“${invite.label}”` : invite.code;
          }
          return (await unwrap(api.GET('/api/v1/admin/users/{id}', { params: { path: { id } } }))).username;
        } catch (error) {
          if (error instanceof ApiError && error.code === 'not_found') return null;
          throw error;
        }
      },
      staleTime: 60_000,
    })),
  });
  const names = new Map<string, string | null>();
  refs.forEach((ref, i) => {
    const r = results[i];
    if (r?.isSuccess) names.set(ref, r.data);
  });
  return names;
}
