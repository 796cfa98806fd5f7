import { Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconSettings, IconShieldLock, IconTicket, IconUser } from '@tabler/icons-react';
import type { AuditEntry } from '@client';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useTargetNames } from '../api.ts';
import { auditSentence } from './audit-sentence.tsx';

/** A quiet icon per kind of event; security events get the one warning colour. */
function iconOf(action: string) {
  if (action === 'auth.login_failure_burst' || action === 'auth.login_locked' || action === 'auth.refresh_token_reused')
    return { Icon: IconAlertTriangle, color: 'orange' };
  if (action.startsWith('invite.')) return { Icon: IconTicket, color: 'gray' };
  if (action.startsWith('identity.')) return { Icon: IconShieldLock, color: 'gray' };
  if (action.startsWith('server.')) return { Icon: IconSettings, color: 'gray' };
  return { Icon: IconUser, color: 'gray' };
}

/** Entries whose sentence names their target by looking it up (deleted accounts are never looked up). */
const NO_LOOKUP = new Set([
  'invite.created',
  'user.deleted',
  'user.deleted_self',
  'server.setup',
  'identity.linked',
  'identity.unlinked',
  'auth.refresh_token_reused',
]);
function needsName(e: AuditEntry): boolean {
  return (
    e.target !== null &&
    /^(user|invite):/.test(e.target) &&
    !NO_LOOKUP.has(e.action) &&
    !(e.action.startsWith('auth.login_') && e.detail.knownAccount === false)
  );
}

/**
 * One page of the audit log as sentences, newest first, each with its time relative and exact.
 * Targets named only by id are looked up once each, so the sentence says whom.
 */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  const refs = [...new Set(entries.filter(needsName).map((e) => e.target as string))];
  const names = useTargetNames(refs);
  const nameOf = (ref: string) => (names.has(ref) ? names.get(ref) : undefined);

  return (
    <Card
      withBorder
      radius="md"
      padding={0}
      component="ol"
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="Audit log, newest first"
    >
      {entries.map((e) => {
        const { Icon, color } = iconOf(e.action);
        return (
          <Card.Section key={e.id} component="li" withBorder px="md" py="sm">
            <Group gap="md" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" color={color} size="lg" radius="xl" aria-hidden>
                <Icon size={18} />
              </ThemeIcon>
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Text size="sm">{auditSentence(e, nameOf)}</Text>
                <Text size="xs" c="dimmed">
                  <RelativeTime value={e.at} />
                </Text>
              </Stack>
            </Group>
          </Card.Section>
        );
      })}
    </Card>
  );
}
