import '@mantine/charts/styles.css';
import type { ReactNode } from 'react';
import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { QueryState } from '../../../../components/query-state.tsx';
import type { Page } from '../../api.ts';
import type { UseQueryResult } from '@tanstack/react-query';

/**
 * A chart's card: its title, an optional control, and the picture itself named in words for
 * people who cannot see it (`role="img"` with a summary), with the loading and error states of
 * its data.
 */
export function ChartFrame({
  title,
  subtitle,
  control,
  query,
  summary,
  emptyText,
  children,
}: {
  title: string;
  subtitle?: string;
  control?: ReactNode;
  query: UseQueryResult<Page>;
  summary: string;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-end" gap="sm" mb="md">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          )}
        </Stack>
        {control}
      </Group>
      <QueryState query={query} loadingLabel="Loading the chart…">
        {() =>
          summary ? (
            <Box role="img" aria-label={summary} style={{ minWidth: 0, overflow: 'hidden' }}>
              {children}
            </Box>
          ) : (
            <Text size="sm" c="dimmed" ta="center" py="xl">
              {emptyText}
            </Text>
          )
        }
      </QueryState>
    </Paper>
  );
}
