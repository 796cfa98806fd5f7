import { useState } from 'react';
import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSearchParamState } from '../../../lib/search-params.ts';
import { QueryState } from '../../../components/query-state.tsx';
import { useInvites, type InviteState } from '../api.ts';
import { AdminFrame } from '../components/admin-frame.tsx';
import { CreateInviteModal } from '../components/create-invite-modal.tsx';
import { CursorPager, useCursorStack } from '../components/cursor-pager.tsx';
import { InviteDetailDrawer } from '../components/invite-detail-drawer.tsx';
import { INVITE_STATES } from '../components/invite-parts.tsx';
import { InvitesList } from '../components/invites-list.tsx';

const STATES = Object.keys(INVITE_STATES) as InviteState[];

/**
 * Settings → User Management → Invites: create, send, watch and revoke invite links. The state
 * filter (`?state=`) and the opened invite (`?open=`) live in the URL, so Back closes the invite
 * and a link from Users opens it.
 */
export default function InvitesPage() {
  const [params, setParams] = useSearchParamState();
  const stateParam = params.get('state');
  const state = STATES.find((s) => s === stateParam) ?? null;
  const openId = params.get('open');
  const pager = useCursorStack(state ?? '');
  const invites = useInvites(state, pager.cursor);
  const [creating, setCreating] = useState(false);

  const setParam = (key: string, value: string | null, replace: boolean) => setParams({ [key]: value }, { replace });
  const createButton = (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
      Create Invite
    </Button>
  );

  return (
    <AdminFrame
      tab="invites"
      description="Invite links let people create an account on this server."
      action={createButton}
    >
      <Group mb="md" align="flex-end">
        <NativeSelect
          label="State"
          value={state ?? ''}
          onChange={(e) => setParam('state', e.currentTarget.value || null, true)}
          data={[
            { value: '', label: 'All invites' },
            ...STATES.map((s) => ({ value: s, label: INVITE_STATES[s].label })),
          ]}
          w={{ base: '100%', xs: 220 }}
          styles={{ input: { minHeight: 44 } }}
        />
      </Group>
      <QueryState
        query={invites}
        loadingLabel="Loading invites…"
        isEmpty={(d) => d.items.length === 0}
        empty={
          state ? (
            <>
              <Text fw={600}>No {INVITE_STATES[state].label.toLowerCase()} invites</Text>
              <Button variant="light" onClick={() => setParam('state', null, true)}>
                Show all invites
              </Button>
            </>
          ) : (
            <>
              <Text fw={600}>No invites yet — Create Invite</Text>
              <Text size="sm" c="dimmed">
                An invite is a link you send to someone so they can create an account.
              </Text>
              {createButton}
            </>
          )
        }
      >
        {(data) => (
          <>
            <InvitesList invites={data.items} onOpen={(i) => setParam('open', i.id, false)} />
            <CursorPager
              pager={pager}
              nextCursor={data.nextCursor}
              loading={invites.isPlaceholderData}
              noun="invites"
            />
          </>
        )}
      </QueryState>
      <CreateInviteModal opened={creating} onClose={() => setCreating(false)} />
      <InviteDetailDrawer id={openId} onClose={() => setParam('open', null, true)} />
    </AdminFrame>
  );
}
