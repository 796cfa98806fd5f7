import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

/** A small caption over a value: how cards on a phone stand in for a table's column headers. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
