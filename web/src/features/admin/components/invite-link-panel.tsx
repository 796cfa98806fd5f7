import { Center, Paper, Stack, Text, TextInput } from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import type { Invite } from '@client';
import { CopyLinkButton, InviteCode } from './invite-parts.tsx';

/** Names an invite in sentences: its label in quotes, or its code. */
export function inviteName(invite: Pick<Invite, 'label' | 'code'>): string {
  return invite.label ? `“${invite.label}”` : invite.code;
}

/**
 * The link to send, ready to copy, and as a QR code for someone standing next to you with a
 * phone. The code is shown too: the iOS app takes it typed by hand.
 */
export function InviteLinkPanel({ invite }: { invite: Invite }) {
  return (
    <Stack gap="md">
      <TextInput
        label="Invite link"
        value={invite.link}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', minHeight: 44 } }}
      />
      <CopyLinkButton link={invite.link} variant="filled" fullWidth />
      <Center>
        <Paper withBorder p="md" radius="md" bg="white">
          <QRCodeSVG
            value={invite.link}
            size={192}
            marginSize={1}
            role="img"
            aria-label={`QR code of the invite link ${inviteName(invite)}`}
            title={`QR code of the invite link ${inviteName(invite)}`}
          />
        </Paper>
      </Center>
      <Text size="sm" c="dimmed" ta="center">
        Scan with a phone camera to open the link, or type the code <InviteCode code={invite.code} /> in the app.
      </Text>
    </Stack>
  );
}
