import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, Tooltip } from '@mantine/core';
import { IconBan, IconQrcode } from '@tabler/icons-react';
import type { Invite } from '@client';
import { notifyError, notifySuccess } from '../../../components/notify.ts';
import { useRevokeInvite } from '../api.ts';
import { confirmAction } from './confirm.tsx';
import { InviteLinkPanel, inviteName } from './invite-link-panel.tsx';
import { CopyLinkButton } from './invite-parts.tsx';

/** Asks before revoking, in the words of the product: who keeps what, and that it is immediate. */
export function useConfirmRevoke() {
  const revoke = useRevokeInvite();
  return (invite: Invite) =>
    confirmAction({
      title: 'Revoke invite?',
      body: `Revoke invite ${inviteName(invite)}? People who already registered with it keep their accounts; the link stops working at once.`,
      confirm: 'Revoke',
      danger: true,
      onConfirm: () =>
        revoke.mutate(invite.id, {
          onSuccess: () => notifySuccess(`Invite ${inviteName(invite)} is revoked.`),
          onError: (error) => notifyError(error, 'Could not revoke the invite'),
        }),
    });
}

/**
 * Copy link, QR code and Revoke for one invite. A link that no longer works (expired, used up,
 * revoked) offers nothing to send.
 */
export function InviteActions({ invite }: { invite: Invite }) {
  const [qr, setQr] = useState(false);
  const confirmRevoke = useConfirmRevoke();
  if (invite.state !== 'active') return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <CopyLinkButton link={invite.link} />
      <Tooltip label="QR code">
        <ActionIcon
          variant="default"
          aria-label={`QR code of invite ${inviteName(invite)}`}
          onClick={() => setQr(true)}
        >
          <IconQrcode size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Button
        variant="subtle"
        color="red"
        size="sm"
        mih={44}
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={() => confirmRevoke(invite)}
        aria-label={`Revoke invite ${inviteName(invite)}`}
      >
        Revoke
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={qr}
        onClose={() => setQr(false)}
        title={`Invite ${inviteName(invite)}`}
        centered
      >
        <InviteLinkPanel invite={invite} />
      </Modal>
    </Group>
  );
}
