import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import type { Invite } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { dayjs, formatDateTime } from '../../../lib/format.ts';
import { useCreateInvite } from '../api.ts';
import { InviteLinkPanel } from './invite-link-panel.tsx';

const PRESETS = [
  { value: 'never', label: 'Never' },
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: 'custom', label: 'A date and time…' },
] as const;
type Preset = (typeof PRESETS)[number]['value'];

const OFFSETS: Record<Exclude<Preset, 'never' | 'custom'>, [number, 'hour' | 'day']> = {
  '1h': [1, 'hour'],
  '1d': [1, 'day'],
  '7d': [7, 'day'],
  '30d': [30, 'day'],
};

interface Values {
  label: string;
  maxUses: number | string;
  preset: Preset;
  at: string | null;
}

/** The expiry the server gets: counted from the moment of submitting, not from opening the dialog. */
function expiresAt(v: Values): string | null {
  if (v.preset === 'never') return null;
  if (v.preset === 'custom') return v.at ? dayjs(v.at).toISOString() : null;
  const [n, unit] = OFFSETS[v.preset];
  return dayjs().add(n, unit).toISOString();
}

/**
 * Create Invite: label, maximum uses (blank = unlimited) and when it stops working. After
 * creating, the same dialog shows the link to copy and its QR code, because sending it is the
 * very next thing the admin does.
 */
export function CreateInviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 36em)');
  const [created, setCreated] = useState<Invite | null>(null);
  const close = () => {
    onClose();
    setCreated(null);
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={opened}
      onClose={close}
      title={created ? 'Invite created' : 'Create Invite'}
      size="md"
      fullScreen={phone}
      centered
    >
      {created ? (
        <Stack gap="md">
          <Alert variant="light" icon={<IconCircleCheck aria-hidden />}>
            Send this link to the person you invite. It opens Create account with the code filled in.
          </Alert>
          <InviteLinkPanel invite={created} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        opened && <CreateInviteForm onCancel={close} onCreated={setCreated} />
      )}
    </Modal>
  );
}

function CreateInviteForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (invite: Invite) => void }) {
  const create = useCreateInvite();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { label: '', maxUses: '', preset: '7d', at: null },
    validate: {
      label: (v) => (v.trim().length > 100 ? 'Keep the label to 100 characters or fewer.' : null),
      maxUses: (v) =>
        v === '' || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1_000_000)
          ? null
          : 'Enter a whole number from 1 to 1,000,000, or leave it blank for unlimited.',
      at: (v, values) =>
        values.preset !== 'custom'
          ? null
          : !v
            ? 'Pick the date and time when the invite stops working.'
            : dayjs(v).isAfter(dayjs())
              ? null
              : 'Pick a time in the future.',
    },
  });

  const submit = form.onSubmit((v) =>
    create.mutate(
      { label: v.label.trim() || null, maxUses: v.maxUses === '' ? null : Number(v.maxUses), expiresAt: expiresAt(v) },
      { onSuccess: onCreated },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Label (optional)"
          placeholder="for Alex"
          description="Only admins see it; it helps you remember who the invite is for."
          data-autofocus
          {...form.getInputProps('label')}
        />
        <NumberInput
          label="Maximum uses (optional)"
          description="Leave blank for unlimited."
          placeholder="Unlimited"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('maxUses')}
        />
        <NativeSelect
          label="Expires"
          data={PRESETS.map((p) => ({ value: p.value, label: p.label }))}
          {...form.getInputProps('preset')}
        />
        {form.values.preset === 'custom' && (
          <DateTimePicker
            label="Expires at"
            placeholder="Pick a date and time"
            minDate={new Date()}
            valueFormat="D MMM YYYY, HH:mm"
            clearable
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps('at')}
          />
        )}
        <Text size="sm" c="dimmed">
          {expirySummary(form.values)}
        </Text>
        {create.error && <ErrorAlert error={create.error} title="Could not create the invite" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create Invite
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One sentence of what the admin is about to create. */
function expirySummary(v: Values): string {
  const uses =
    v.maxUses === '' ? 'any number of people' : Number(v.maxUses) === 1 ? 'one person' : `up to ${v.maxUses} people`;
  if (v.preset === 'never') return `The link works for ${uses} and never expires.`;
  const at = expiresAt(v);
  if (!at) return `The link works for ${uses}.`;
  return `The link works for ${uses} until ${formatDateTime(at)}.`;
}
