import { Alert, Badge, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconLock, IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { session } from '../../../lib/client.ts';
import { useCurrentUser, useSession } from '../../../lib/session.ts';
import { DeleteAccountSection } from '../components/delete-account-section.tsx';
import { ExportSection } from '../components/export-section.tsx';
import { SectionCard } from '../components/section-card.tsx';

/**
 * A disabled account's one page: what happened, its data to take away, and deleting the account.
 * The guard asks the server every 30 s; when an admin enables the account again, this says so.
 */
export default function DisabledPage() {
  const user = useCurrentUser();
  const { limited } = useSession();
  const navigate = useNavigate();
  const activeAgain = user.status === 'active';
  useDocumentTitle(`${activeAgain ? 'Your account is active again' : 'Your account is disabled'} · Baseline`);

  // a limited token cannot become a full one: sign in again to get a session with a refresh token
  const continueAsActive = async () => {
    if (limited) {
      await session.signOut();
      void navigate('/login', { replace: true });
    } else void navigate('/', { replace: true });
  };

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Paper
        component="header"
        radius={0}
        px="md"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" wrap="nowrap" maw={760} mx="auto">
          <Text fw={700} size="lg" c="cyan.9">
            Baseline
          </Text>
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconLogout size={18} aria-hidden />}
            onClick={() => void session.signOut()}
          >
            Sign out
          </Button>
        </Group>
      </Paper>
      <Container component="main" id="main" size={760} py="xl" px="md">
        <Stack gap="lg">
          {activeAgain ? (
            <Paper withBorder radius="md" p="lg" role="status">
              <Stack gap="sm" align="flex-start">
                <Group gap="sm" wrap="nowrap">
                  <IconCircleCheck size={28} color="var(--mantine-color-teal-7)" aria-hidden />
                  <Title order={1} size="h2">
                    Your account is active again
                  </Title>
                </Group>
                <Text>
                  An admin enabled your account. {limited ? 'Sign in again to use everything in Baseline.' : ''}
                </Text>
                <Button onClick={() => void continueAsActive()}>{limited ? 'Sign in again' : 'Continue'}</Button>
              </Stack>
            </Paper>
          ) : (
            <Stack gap="sm">
              <Group gap="sm" wrap="nowrap">
                <IconLock size={28} color="var(--mantine-color-gray-7)" aria-hidden />
                <Title order={1} size="h2">
                  Your account is disabled
                </Title>
              </Group>
              <Alert color="gray" variant="light">
                <Stack gap={6}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {user.username}
                    </Text>
                    <Badge color="red.9" variant="outline">
                      Disabled
                    </Badge>
                  </Group>
                  <Text size="sm">
                    An admin disabled your account. Your data is kept. You can export it or delete your account.
                  </Text>
                  <Text size="sm" c="dimmed">
                    If you think this is a mistake, ask the admin of this server.
                  </Text>
                </Stack>
              </Alert>
            </Stack>
          )}
          <SectionCard
            title="Export my data"
            description="Download everything you have stored in Baseline. Each export is listed in the history below."
          >
            <ExportSection />
          </SectionCard>
          <SectionCard title="Delete my account" danger>
            <DeleteAccountSection user={user} />
          </SectionCard>
        </Stack>
      </Container>
    </Box>
  );
}
