import { Badge, Button, Code, CopyButton, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { INVITE_STATE_LABELS, inviteUses, type Invite } from '@client';
import { RelativeTime } from '../../../components/relative-time.tsx';
import type { InviteState } from '../api.ts';

/** The four states in the product's words, each with its own colour. */
export const INVITE_STATES: Record<InviteState, { label: string; color: string }> = {
  active: { label: INVITE_STATE_LABELS.active, color: 'teal' },
  expired: { label: INVITE_STATE_LABELS.expired, color: 'orange' },
  exhausted: { label: INVITE_STATE_LABELS.exhausted, color: 'grape' },
  revoked: { label: INVITE_STATE_LABELS.revoked, color: 'red' },
};

/** State as a badge: colour and word, never colour alone. */
export function InviteStateBadge({ state }: { state: InviteState }) {
  const s = INVITE_STATES[state];
  return (
    <Badge color={s.color} variant="dot" size="lg" tt="none" miw="max-content">
      {s.label}
    </Badge>
  );
}

/** "3 / 5", or "3 / ∞" when there is no maximum (shared with the iOS app). */
export const usesText = inviteUses;

export function InviteUses({ invite }: { invite: Invite }) {
  return (
    <Text
      size="sm"
      component="span"
      title={invite.maxUses === null ? `${invite.uses} uses, unlimited` : `${invite.uses} of ${invite.maxUses} uses`}
    >
      {usesText(invite)}
    </Text>
  );
}

/** "in 6 days", "expired 2 days ago" or "Never", with the exact time on hover. */
export function InviteExpiry({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt)
    return (
      <Text size="sm" component="span">
        Never
      </Text>
    );
  const past = new Date(expiresAt).getTime() <= Date.now();
  return (
    <Text size="sm" component="span">
      <RelativeTime value={expiresAt} prefix={past ? 'expired' : undefined} />
    </Text>
  );
}

/** The code as people type it: monospace, so 0/O and 1/I never get confused. */
export function InviteCode({ code }: { code: string }) {
  return <Code fz="sm">{code}</Code>;
}

/** Copy link: the one thing an admin does with a fresh invite. */
export function CopyLinkButton({
  link,
  variant = 'light',
  fullWidth,
}: {
  link: string;
  variant?: 'light' | 'filled' | 'default';
  fullWidth?: boolean;
}) {
  return (
    <CopyButton value={link} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          variant={variant}
          size="sm"
          mih={44}
          fullWidth={fullWidth}
          leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          onClick={copy}
        >
          {copied ? 'Copied' : 'Copy link'}
        </Button>
      )}
    </CopyButton>
  );
}
