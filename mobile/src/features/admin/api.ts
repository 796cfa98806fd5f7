import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type AdminUser, type CreateInviteBody, type Invite, type InviteDetail, type User } from '@client';
import { useClient } from '../../session/app-session';

/**
 * User Management's server state (Users and Invites), the same requests and keys as the
 * dashboard's web/src/features/admin/api.ts, shaped for a phone: lists grow with Load more
 * (useInfiniteQuery) instead of turning pages.
 */

/** One page of a keyset list: small enough to render at once, whatever the size of the server. */
export const PAGE_SIZE = 50;

export type Role = AdminUser['role'];
export type Status = AdminUser['status'];
export type InviteState = Invite['state'];

/** Query keys in one place, so every mutation invalidates exactly the lists it changes. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  userList: (q: string) => [...adminKeys.users(), 'list', q] as const,
  user: (id: string) => [...adminKeys.users(), 'detail', id] as const,
  invites: () => [...adminKeys.all, 'invites'] as const,
  inviteList: (state: InviteState | null) => [...adminKeys.invites(), 'list', state] as const,
  invite: (id: string) => [...adminKeys.invites(), 'detail', id] as const,
};

/**
 * Users ordered by username, 50 at a time; `q` matches username or email. While a new search
 * loads, the previous result stays on screen rather than flashing to a spinner.
 */
export function useAdminUsers(q: string) {
  const { api } = useClient();
  return useInfiniteQuery({
    queryKey: adminKeys.userList(q),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/admin/users', {
          params: { query: { q: q || undefined, cursor: pageParam ?? undefined, limit: PAGE_SIZE } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One person, asked again each time their screen opens (another admin may have changed them). */
export function useAdminUser(id: string) {
  const { api } = useClient();
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: () => unwrap(api.GET('/api/v1/admin/users/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

/** The fields of the own view, for the session's snapshot after an admin changed themselves. */
function ownView(user: AdminUser): User {
  const { id, username, email, role, status, authMethods, createdAt } = user;
  return { id, username, email, role, status, authMethods, createdAt };
}

/**
 * Role or status change. The answer replaces the person's screen at once; lists are asked
 * again. When admins change their own role, the session learns it too, so User Management
 * disappears from Settings when they step down.
 */
export function useChangeUser() {
  const { api, session } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: Role; status?: Status } }) =>
      unwrap(api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body: change })),
    onSuccess: (user) => {
      queryClient.setQueryData(adminKeys.user(user.id), user);
      if (session.snapshot.user?.id === user.id) session.setUser(ownView(user));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
  });
}

/** Permanent deletion of another account; its invites' "who registered" lists change too. */
export function useDeleteUser() {
  const { api } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/admin/users/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => queryClient.removeQueries({ queryKey: adminKeys.user(id) }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
        queryClient.invalidateQueries({ queryKey: adminKeys.invites() }),
      ]),
  });
}

/** Invites newest first, 50 at a time, optionally of one state. */
export function useInvites(state: InviteState | null) {
  const { api } = useClient();
  return useInfiniteQuery({
    queryKey: adminKeys.inviteList(state),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/admin/invites', {
          params: { query: { state: state ?? undefined, cursor: pageParam ?? undefined, limit: PAGE_SIZE } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** An invite with the people who registered with it, asked again each time its screen opens. */
export function useInviteDetail(id: string) {
  const { api } = useClient();
  return useQuery({
    queryKey: adminKeys.invite(id),
    queryFn: () => unwrap(api.GET('/api/v1/admin/invites/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

/** Creates an invite; its screen opens on the answer without asking the server again. */
export function useCreateInvite() {
  const { api } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInviteBody) => unwrap(api.POST('/api/v1/admin/invites', { body })),
    onSuccess: (invite) => {
      const detail: InviteDetail = { ...invite, users: [] };
      queryClient.setQueryData(adminKeys.invite(invite.id), detail);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.invites() }),
  });
}

/** Revokes at once; the people who registered with it keep their accounts. */
export function useRevokeInvite() {
  const { api } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/invites/{id}/revoke', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.invites() }),
  });
}
