import type { ReactNode } from 'react';
import { Center, Loader, Paper, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from './error-alert.tsx';

/**
 * Every list's three other states in one place: loading, failed (with Retry), and empty
 * (saying what to do next). Renders `children(data)` otherwise.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  loadingLabel = 'Loading…',
  children,
}: {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'refetch'>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {loadingLabel}
          </Text>
        </Stack>
      </Center>
    );
  }
  if (query.error || query.data === undefined)
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data) && empty) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

/** The calm box that tells people what to do when there is nothing yet. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm" ta="center">
        {children}
      </Stack>
    </Paper>
  );
}
