import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';

/** What a non-admin sees at an admin URL. */
export function NotAllowedPage() {
  return (
    <Stack maw={560}>
      <PageHeader title="User Management" />
      <Title order={2} size="h4">
        Only admins can open User Management
      </Title>
      <Text c="dimmed">Ask an admin of this server if you need to manage users or invites.</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">
        Back to Home
      </Button>
    </Stack>
  );
}
