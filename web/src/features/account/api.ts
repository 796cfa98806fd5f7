import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { unwrap, type User } from '@client';
import { api, session } from '../../lib/client.ts';

/** The signed-in person's own account: profile, password, sign-in methods, sessions, export, deletion. */

const keys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  exports: ['me', 'exports'] as const,
};

export type ExportFormat = 'json' | 'zip';
export type LinkableProvider = 'google' | 'apple';

/** Every change of the account answers with the new User: the session and the /me cache show it at once. */
function useTakeUser() {
  const queryClient = useQueryClient();
  return (user: User) => {
    session.setUser(user);
    queryClient.setQueryData(keys.me, user);
  };
}

/** PATCH /me: email (null clears it) or a new password; a new password ends every other session. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  const takeUser = useTakeUser();
  return useMutation({
    mutationFn: (body: { email?: string | null; currentPassword?: string; newPassword?: string }) =>
      unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (user, body) => {
      takeUser(user);
      if (body.newPassword !== undefined) void queryClient.invalidateQueries({ queryKey: keys.sessions });
    },
  });
}

export function useSessions() {
  return useQuery({ queryKey: keys.sessions, queryFn: () => unwrap(api.GET('/api/v1/me/sessions')) });
}

/** Ends one session, or several (Sign out everywhere else: the API ends them one by one). */
export function useEndSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useExports() {
  return useQuery({ queryKey: keys.exports, queryFn: () => unwrap(api.GET('/api/v1/me/exports')) });
}

/**
 * Asks for a one-time download link and follows it: the browser saves the file to disk itself,
 * nothing of the export passes through the page. The history shows the export once the
 * server has finished writing it, so it is refreshed a little later (twice, for large exports).
 */
export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (format: ExportFormat) => {
      const { url } = await unwrap(api.POST('/api/v1/me/export/link', { body: { format } }));
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    },
    onSuccess: () => {
      for (const ms of [2_500, 8_000])
        setTimeout(() => void queryClient.invalidateQueries({ queryKey: keys.exports }), ms);
    },
  });
}

/** Leaves for Google with a link ticket; the browser comes back to Settings with `?linked=google` or `?error=`. */
export function useLinkGoogle() {
  return useMutation({
    mutationFn: async () => {
      const { url } = await unwrap(api.POST('/api/v1/me/identities/google/link-intent'));
      window.location.assign(url);
    },
  });
}

export function useUnlinkProvider() {
  const queryClient = useQueryClient();
  const takeUser = useTakeUser();
  return useMutation({
    mutationFn: async (provider: LinkableProvider) => {
      await unwrap(api.DELETE('/api/v1/me/identities/{provider}', { params: { path: { provider } } }));
      return unwrap(api.GET('/api/v1/me'));
    },
    onSuccess: takeUser,
    onError: () => queryClient.invalidateQueries({ queryKey: keys.me }),
  });
}

/**
 * DELETE /me, confirmed by the password (or the username typed, for an account without one);
 * then this browser forgets the session and goes to Sign in, which says the account was deleted. Done here, not in the
 * dialog: forgetting the session unmounts the page that holds the dialog.
 */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: { password: string } | { confirm: string }) => unwrap(api.DELETE('/api/v1/me', { body })),
    onSuccess: async () => {
      // the sign-in page says why the session ended (it has no notifications of its own)
      await session.forget('account_deleted');
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
}
