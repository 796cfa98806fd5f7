import { useMutation, useQuery } from '@tanstack/react-query';
import { unwrap, type TokenResponse } from '@client';
import { api, session } from '../../lib/client.ts';

/** Every way of getting tokens ends the same way: the session takes them (cookie for the refresh token). */
async function signedIn(tokens: Promise<TokenResponse>): Promise<TokenResponse> {
  const t = await tokens;
  await session.accept(t);
  return t;
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      signedIn(unwrap(api.POST('/api/v1/auth/login', { body: { ...body, cookie: true } }))),
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: { username: string; password: string; email?: string; inviteCode?: string }) =>
      signedIn(unwrap(api.POST('/api/v1/auth/register', { body: { ...body, cookie: true } }))),
  });
}

export function useSetup() {
  return useMutation({
    mutationFn: (body: { setupToken: string; username: string; password: string; email?: string }) =>
      signedIn(unwrap(api.POST('/api/v1/setup', { body: { ...body, cookie: true } }))),
  });
}

/** Whether an invite code can be used, asked as the registration page loads and as the code is edited. */
export function useInviteCheck(code: string) {
  const normalized = code.trim();
  return useQuery({
    queryKey: ['invite-check', normalized.toUpperCase().replace(/[\s-]/g, '')],
    queryFn: () => unwrap(api.GET('/api/v1/invites/{code}', { params: { path: { code: normalized } } })),
    enabled: normalized.length > 0,
    staleTime: 30_000,
    retry: false,
  });
}
