import type { ReactNode } from 'react';
import { Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconClipboardList, IconTicket, IconUsers } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';

const TABS = [
  { value: 'users', to: '/settings/users', label: 'Users', icon: IconUsers },
  { value: 'invites', to: '/settings/invites', label: 'Invites', icon: IconTicket },
  { value: 'audit', to: '/settings/audit', label: 'Audit log', icon: IconClipboardList },
] as const;

export type AdminTab = (typeof TABS)[number]['value'];

/**
 * The one header of User Management (Users | Invites | Audit log): the three screens are one
 * place for an admin, so they share a title and tabs, while each keeps its own URL so a filter
 * or a tab can be bookmarked and shared. Every tab has its panel in the page (hidden ones
 * empty), so each tab's `aria-controls` points at something real.
 */
export function AdminFrame({
  tab,
  description,
  action,
  children,
}: {
  tab: AdminTab;
  description: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const current = TABS.find((t) => t.value === tab) ?? TABS[0];
  useDocumentTitle(`${current.label} · User Management · Baseline`);
  return (
    <>
      <PageHeader title="User Management" description={description} action={action} />
      <Tabs
        value={tab}
        keepMountedMode="display-none"
        onChange={(value) => {
          const next = TABS.find((t) => t.value === value);
          if (next && next.value !== tab) void navigate(next.to);
        }}
      >
        <Tabs.List mb="lg" aria-label="User Management">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={18} aria-hidden />} mih={44}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === tab ? children : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
