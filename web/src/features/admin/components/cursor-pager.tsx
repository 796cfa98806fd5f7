import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

/**
 * Keyset paging as a stack of cursors: Next pushes the page's `nextCursor`, Previous pops.
 * Nothing is counted and only one page is ever held, so it behaves the same with 50 users or
 * 100,000. The stack starts over whenever `resetKey` (the filters) changes.
 */
export function useCursorStack(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  if (state.key !== resetKey) setState({ key: resetKey, stack: [] });
  return {
    cursor: stack.at(-1) ?? null,
    page: stack.length + 1,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

/** Previous / Next under a list, with the page number; hidden when everything fits on one page. */
export function CursorPager({
  pager,
  nextCursor,
  loading,
  noun,
}: {
  pager: ReturnType<typeof useCursorStack>;
  nextCursor: string | null;
  loading: boolean;
  noun: string;
}) {
  if (pager.page === 1 && !nextCursor) return null;
  return (
    <Group justify="space-between" mt="md" component="nav" aria-label={`Pages of ${noun}`}>
      <Button
        variant="default"
        leftSection={<IconChevronLeft size={18} aria-hidden />}
        disabled={pager.page === 1 || loading}
        onClick={pager.previous}
      >
        Previous
      </Button>
      <Text size="sm" c="dimmed" aria-live="polite">
        Page {pager.page}
      </Text>
      <Button
        variant="default"
        rightSection={<IconChevronRight size={18} aria-hidden />}
        disabled={!nextCursor || loading}
        loading={loading}
        onClick={() => nextCursor && pager.next(nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
