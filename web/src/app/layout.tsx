import { Suspense } from 'react';
import { AppShell, Burger, Button, Divider, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { PageLoader } from '../components/page-loader.tsx';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { session } from '../lib/client.ts';
import { useCurrentUser } from '../lib/session.ts';
import { ADMIN_NAV, DATA_NAV } from './nav.ts';

/** The signed-in frame: header with the person and Sign out, the menu, and the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const link = (to: string, label: string) => (
    <NavLink
      key={to}
      component={RouterLink}
      to={to}
      label={label}
      active={isActive(to)}
      onClick={close}
      aria-current={isActive(to) ? 'page' : undefined}
    />
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close menu' : 'Open menu'}
            />
            <Title order={2} size="h4" c="cyan.9">
              Baseline
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {user.username}
            </Text>
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              leftSection={<IconLogout size={18} aria-hidden />}
              onClick={() => void session.signOut()}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main menu">
        <AppShell.Section grow component={ScrollArea}>
          {DATA_NAV.map((n) => link(n.to, n.label))}
          <Divider my="sm" />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            Settings
          </Text>
          {link('/settings/account', 'Account')}
          {user.role === 'admin' && (
            <NavLink label="User Management" defaultOpened childrenOffset="md" component="div">
              {ADMIN_NAV.map((n) => link(n.to, n.label))}
            </NavLink>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
