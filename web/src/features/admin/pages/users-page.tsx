import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSearchParamState } from '../../../lib/search-params.ts';
import type { AdminUser } from '@client';
import { QueryState } from '../../../components/query-state.tsx';
import { useCurrentUser } from '../../../lib/session.ts';
import { useAdminUsers, type UserFilters } from '../api.ts';
import { AdminFrame } from '../components/admin-frame.tsx';
import { CursorPager, useCursorStack } from '../components/cursor-pager.tsx';
import { DeleteUserModal } from '../components/delete-user-modal.tsx';
import { UserFilterBar } from '../components/user-filters.tsx';
import { UsersList } from '../components/users-list.tsx';

/** Reads the filters from the URL, so a search can be bookmarked, shared and survives a reload. */
function useUserFilters(): [UserFilters, (next: Partial<UserFilters>) => void] {
  const [params, setParams] = useSearchParamState();
  const role = params.get('role');
  const status = params.get('status');
  const filters: UserFilters = {
    q: params.get('q') ?? '',
    role: role === 'admin' || role === 'user' ? role : null,
    status: status === 'active' || status === 'disabled' ? status : null,
  };
  const update = (next: Partial<UserFilters>) => setParams(next);
  return [filters, update];
}

/** Settings → User Management → Users: everyone on this server, their role, status and history. */
export default function UsersPage() {
  const me = useCurrentUser();
  const [filters, setFilters] = useUserFilters();
  const pager = useCursorStack(JSON.stringify(filters));
  const users = useAdminUsers(filters, pager.cursor);
  const [deleting, setDeleting] = useState<AdminUser | null>(null);
  const filtered = Boolean(filters.q || filters.role || filters.status);

  return (
    <AdminFrame tab="users" description="Everyone with an account on this server: roles, status, and who invited them.">
      <UserFilterBar filters={filters} onChange={setFilters} />
      <QueryState
        query={users}
        loadingLabel="Loading users…"
        isEmpty={(d) => d.items.length === 0}
        empty={
          filtered ? (
            <>
              <Text fw={600}>No users match these filters</Text>
              <Button variant="light" onClick={() => setFilters({ q: '', role: null, status: null })}>
                Clear filters
              </Button>
            </>
          ) : (
            <>
              <Text fw={600}>No other users yet — Create Invite</Text>
              <Button component={Link} to="/settings/invites" leftSection={<IconTicket size={18} aria-hidden />}>
                Go to Invites
              </Button>
            </>
          )
        }
      >
        {(data) => (
          <>
            <UsersList users={data.items} selfId={me.id} onDelete={setDeleting} />
            <CursorPager pager={pager} nextCursor={data.nextCursor} loading={users.isPlaceholderData} noun="users" />
          </>
        )}
      </QueryState>
      <DeleteUserModal user={deleting} onClose={() => setDeleting(null)} />
    </AdminFrame>
  );
}
