import { Text } from '@mantine/core';
import { QueryState } from '../../../components/query-state.tsx';
import { useAudit } from '../api.ts';
import { AdminFrame } from '../components/admin-frame.tsx';
import { AuditList } from '../components/audit-list.tsx';
import { CursorPager, useCursorStack } from '../components/cursor-pager.tsx';

/** Settings → User Management → Audit log: every admin action and security event, newest first. */
export default function AuditPage() {
  const pager = useCursorStack('');
  const audit = useAudit(pager.cursor);
  return (
    <AdminFrame tab="audit" description="Every admin action and security event on this server: who did what, and when.">
      <QueryState
        query={audit}
        loadingLabel="Loading the audit log…"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <>
            <Text fw={600}>Nothing recorded yet</Text>
            <Text size="sm" c="dimmed">
              Admin actions such as creating an invite or changing a role appear here.
            </Text>
          </>
        }
      >
        {(data) => (
          <>
            <AuditList entries={data.items} />
            <CursorPager
              pager={pager}
              nextCursor={data.nextCursor}
              loading={audit.isPlaceholderData}
              noun="the audit log"
            />
          </>
        )}
      </QueryState>
    </AdminFrame>
  );
}
