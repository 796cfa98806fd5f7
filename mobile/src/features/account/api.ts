import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AppState } from 'react-native';
import { ApiError, apiErrorFrom, unwrap } from '@client';
import { useAppSession, useClient, useSessionSnapshot } from '../../session/app-session';
import { openExportFile } from './save-export';

/** The signed-in person's own account: profile, sessions, export, sign out, deletion, resume. */

const keys = {
  me: ['me'] as const,
  sessions: ['me', 'sessions'] as const,
  exports: ['me', 'exports'] as const,
};

/** How often a disabled account asks whether it was enabled again (the dashboard asks as often). */
export const STATUS_POLL_MS = 30_000;

/** GET /me, kept in the session too, so every screen shows the account as it is now. */
export function useMe(options: { pollMs?: number } = {}) {
  const { api, session } = useClient();
  const snapshot = useSessionSnapshot();
  const query = useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      const user = await unwrap(api.GET('/api/v1/me'));
      session.setUser(user);
      return user;
    },
    placeholderData: snapshot.user ?? undefined,
    refetchInterval: options.pollMs ?? false,
  });
  // coming back to the app is a moment something may have changed (an admin enabled the account)
  const { refetch } = query;
  useEffect(() => {
    if (!options.pollMs) return;
    const sub = AppState.addEventListener('change', (state) => state === 'active' && void refetch());
    return () => sub.remove();
  }, [options.pollMs, refetch]);
  return query;
}

export function useSessions() {
  const { api } = useClient();
  return useQuery({ queryKey: keys.sessions, queryFn: () => unwrap(api.GET('/api/v1/me/sessions')) });
}

/** One open session of the account (the @client `Session` name is the token owner class). */
export type OpenSession = NonNullable<ReturnType<typeof useSessions>['data']>['items'][number];

/** Ends another device's session: its refresh token stops working at once. */
export function useEndSession() {
  const { api } = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useExports() {
  const { api } = useClient();
  return useQuery({ queryKey: keys.exports, queryFn: () => unwrap(api.GET('/api/v1/me/exports')) });
}

export type ExportFormat = 'json' | 'zip';

const FILE_TYPES = {
  json: { mimeType: 'application/json', uti: 'public.json' },
  zip: { mimeType: 'application/zip', uti: 'public.zip-archive' },
} as const;

/** The file name the server suggests (`attachment; filename="baseline-export-….json"`). */
function fileNameOf(disposition: string | null, format: ExportFormat): string {
  const name = disposition?.match(/filename="?([^";]+)"?/)?.[1];
  return name && !/[/\\]/.test(name) ? name : `baseline-export.${format}`;
}

/** A failure of the phone itself (full storage…), said in words like the server's failures. */
export class SaveExportError extends Error {
  constructor() {
    super('The export could not be saved on this phone. Check that there is free space and try again.');
  }
}

export type ExportProgress = { phase: 'downloading'; received: number } | { phase: 'sharing'; received: number } | null;

/**
 * Export my data: streams GET /me/export (the server streams it too; its size is unknown until
 * the end), writing each chunk as it arrives and counting the bytes for the progress line, then
 * hands the file to the share sheet (save-export.ts). The server records the export in the
 * history before its last byte leaves, so the history is asked again afterwards.
 */
export function useExportData() {
  const { api } = useClient();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ExportProgress>(null);
  const mutation = useMutation({
    mutationFn: async (format: ExportFormat) => {
      setProgress({ phase: 'downloading', received: 0 });
      let result;
      try {
        result = await api.GET('/api/v1/me/export', { params: { query: { format } }, parseAs: 'stream' });
      } catch (err) {
        throw err instanceof ApiError ? err : new ApiError({ status: 0, code: 'network_error' });
      }
      const { data: body, response } = result;
      if (!response.ok || !body) throw await apiErrorFrom(response, result.error);
      const name = fileNameOf(response.headers.get('content-disposition'), format);
      let file;
      try {
        file = openExportFile({ name, ...FILE_TYPES[format] });
      } catch {
        throw new SaveExportError();
      }
      const reader = body.getReader();
      let received = 0;
      let shownAt = 0;
      try {
        for (;;) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch {
            throw new ApiError({ status: 0, code: 'network_error' });
          }
          if (chunk.done) break;
          try {
            file.write(chunk.value);
          } catch {
            throw new SaveExportError();
          }
          received += chunk.value.byteLength;
          // a progress line ten times a second is plenty, however small the chunks
          if (Date.now() - shownAt > 100) {
            shownAt = Date.now();
            setProgress({ phase: 'downloading', received });
          }
        }
      } catch (err) {
        void reader.cancel().catch(() => {});
        file.discard();
        throw err;
      }
      setProgress({ phase: 'sharing', received });
      await file.finish();
      return { name, bytes: received, format };
    },
    onSettled: () => {
      setProgress(null);
      return queryClient.invalidateQueries({ queryKey: keys.exports });
    },
  });
  return { ...mutation, progress };
}

/** Sign out: ends this session on the server, forgets it here, and drops everything cached. */
export function useSignOut() {
  const { session } = useClient();
  const { queryClient } = useAppSession();
  return useMutation({
    mutationFn: async () => {
      await session.signOut();
      queryClient.clear();
    },
  });
}

/**
 * DELETE /me, confirmed by the password (or the username typed, for an account without one);
 * then the phone forgets the session and Sign in says the account was deleted. Done here, not
 * in the dialog: forgetting the session unmounts the screen that holds it.
 */
export function useDeleteAccount() {
  const { api, session } = useClient();
  const { queryClient } = useAppSession();
  return useMutation({
    mutationFn: (body: { password: string } | { confirm: string }) => unwrap(api.DELETE('/api/v1/me', { body })),
    onSuccess: async () => {
      await session.forget('account_deleted');
      queryClient.clear();
    },
  });
}

/**
 * A disabled account enabled again continues without signing in: POST /auth/resume trades the
 * limited token for full tokens, and the root layout opens the app by itself once the session
 * has them. `final` errors cannot pass by waiting (the limited token expired, or this session
 * is a full one that lost its refresh token to the disable): the person signs in again.
 */
export function useResume() {
  const { api, session } = useClient();
  const { queryClient } = useAppSession();
  const mutation = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/resume', { body: {} })),
    onSuccess: async (tokens) => {
      queryClient.clear();
      await session.accept(tokens);
    },
  });
  const code = mutation.error instanceof ApiError ? mutation.error.code : null;
  const final = code === 'unauthenticated' || code === 'forbidden';
  return { ...mutation, final };
}
