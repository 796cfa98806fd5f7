import { useMutation, useQuery } from '@tanstack/react-query';
import { normalizeInviteCode, unwrap, type TokenResponse } from '@client';
import { useSettled } from '../../lib/use-settled';
import { useClient } from '../../session/app-session';

/** Every way in ends the same way: the session takes the tokens (refresh token to the Keychain). */
function useSignedIn() {
  const { api, session } = useClient();
  return {
    api,
    accept: async (tokens: Promise<TokenResponse>) => {
      const t = await tokens;
      await session.accept(t);
      return t;
    },
  };
}

export function useLogin() {
  const { api, accept } = useSignedIn();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      accept(unwrap(api.POST('/api/v1/auth/login', { body }))),
  });
}

export function useRegister() {
  const { api, accept } = useSignedIn();
  return useMutation({
    mutationFn: (body: { username: string; password: string; inviteCode?: string }) =>
      accept(unwrap(api.POST('/api/v1/auth/register', { body }))),
  });
}

/** What Apple's or Google's sheet handed back, to be checked by the server. */
export interface ProviderProof {
  provider: 'apple' | 'google';
  idToken: string;
  /** the server's single-use nonce (its SHA-256 went to Apple) */
  nonce: string;
  fullName?: string;
}

export function useProviderSignIn() {
  const { api, accept } = useSignedIn();
  return useMutation({
    mutationFn: ({ proof, inviteCode }: { proof: ProviderProof; inviteCode?: string }) => {
      const body = { idToken: proof.idToken, nonce: proof.nonce, inviteCode: inviteCode || undefined };
      return accept(
        unwrap(
          proof.provider === 'apple'
            ? api.POST('/api/v1/auth/apple', { body: { ...body, fullName: proof.fullName } })
            : api.POST('/api/v1/auth/google', { body }),
        ),
      );
    },
  });
}

/** A fresh single-use nonce for Apple's or Google's prompt (README: Sign in with Google and Apple). */
export function useNonce() {
  const { api } = useClient();
  return () => unwrap(api.POST('/api/v1/auth/nonce')).then((n) => n.nonce);
}

/**
 * Whether a typed invite code can be used, asked as soon as the person stops typing: any case,
 * with or without dashes or spaces. Codes are 15 characters; a shorter one is not asked about.
 */
export function useInviteCheck(typed: string) {
  const { api } = useClient();
  const code = useSettled(normalizeInviteCode(typed), 300);
  return useQuery({
    queryKey: ['invite-check', code],
    queryFn: () => unwrap(api.GET('/api/v1/invites/{code}', { params: { path: { code } } })),
    enabled: code.length >= 15,
    staleTime: 30_000,
    retry: false,
  });
}
