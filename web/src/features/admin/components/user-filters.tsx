import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { UserFilters } from '../api.ts';

/**
 * Search (debounced, so typing does not fire a request per key) and the role and status
 * filters. The page keeps them in the URL; this only edits them.
 */
export function UserFilterBar({
  filters,
  onChange,
}: {
  filters: UserFilters;
  onChange: (next: Partial<UserFilters>) => void;
}) {
  const [text, setText] = useState(filters.q);
  // the URL changes only when the typed text settles; the URL is the source of truth otherwise
  const search = useDebouncedCallback((q: string) => {
    if (q !== filters.q) onChange({ q });
  }, 300);
  useEffect(() => setText((t) => (t.trim() === filters.q ? t : filters.q)), [filters.q]);

  const any = filters.q || filters.role || filters.status;
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Username or email"
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          search(e.currentTarget.value.trim());
        }}
        leftSection={<IconSearch size={16} aria-hidden />}
        style={{ flex: '1 1 240px' }}
        styles={{ input: { minHeight: 44 } }}
      />
      <NativeSelect
        label="Role"
        value={filters.role ?? ''}
        onChange={(e) =>
          onChange({
            role: e.currentTarget.value === 'admin' || e.currentTarget.value === 'user' ? e.currentTarget.value : null,
          })
        }
        data={[
          { value: '', label: 'Any role' },
          { value: 'admin', label: 'Admin' },
          { value: 'user', label: 'User' },
        ]}
        style={{ flex: '1 1 140px' }}
        styles={{ input: { minHeight: 44 } }}
      />
      <NativeSelect
        label="Status"
        value={filters.status ?? ''}
        onChange={(e) =>
          onChange({
            status:
              e.currentTarget.value === 'active' || e.currentTarget.value === 'disabled' ? e.currentTarget.value : null,
          })
        }
        data={[
          { value: '', label: 'Any status' },
          { value: 'active', label: 'Active' },
          { value: 'disabled', label: 'Disabled' },
        ]}
        style={{ flex: '1 1 140px' }}
        styles={{ input: { minHeight: 44 } }}
      />
      {any && (
        <Button
          variant="subtle"
          onClick={() => {
            setText('');
            onChange({ q: '', role: null, status: null });
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
