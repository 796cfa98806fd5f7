import { Button } from '@mantine/core';
import { IconBrandGoogleFilled } from '@tabler/icons-react';

/**
 * Starts the server's Google web flow (authorization code + PKCE); the browser leaves the
 * page and comes back signed in, or to the sign-in page with `?error=`.
 */
export function GoogleButton({ label, invite, returnTo }: { label: string; invite?: string; returnTo?: string }) {
  const params = new URLSearchParams();
  if (invite) params.set('invite', invite);
  if (returnTo && returnTo !== '/') params.set('returnTo', returnTo);
  const query = params.toString();
  return (
    <Button
      component="a"
      href={`/api/v1/auth/google/authorize${query ? `?${query}` : ''}`}
      variant="default"
      fullWidth
      leftSection={<IconBrandGoogleFilled size={18} aria-hidden />}
    >
      {label}
    </Button>
  );
}
