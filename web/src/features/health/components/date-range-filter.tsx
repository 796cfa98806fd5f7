import { useState } from 'react';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { dayjs } from '../../../lib/format.ts';

type Days = [string | null, string | null];

/**
 * Pick a range of days to narrow a list (both ends included). The URL changes when the range is
 * complete or cleared, not halfway through picking it. Key it on the URL's range so that a
 * change from elsewhere (Back, a link) resets the picker.
 */
export function DateRangeFilter({ value, onChange }: { value: Days; onChange: (days: Days) => void }) {
  const [draft, setDraft] = useState<Days>(value);

  return (
    <DatePickerInput
      type="range"
      label="Date range"
      placeholder="All dates"
      value={draft}
      onChange={(next) => {
        const days: Days = [next[0] ? String(next[0]) : null, next[1] ? String(next[1]) : null];
        setDraft(days);
        if ((days[0] && days[1]) || (!days[0] && !days[1])) onChange(days);
      }}
      allowSingleDateInRange
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the date range' }}
      styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      valueFormat="D MMM YYYY"
      leftSection={<IconCalendar size={18} aria-hidden />}
      w={{ base: '100%', xs: 300 }}
      presets={[
        { value: [dayjsDay(-6), dayjsDay(0)], label: 'Last 7 days' },
        { value: [dayjsDay(-29), dayjsDay(0)], label: 'Last 30 days' },
        { value: [dayjsDay(-89), dayjsDay(0)], label: 'Last 90 days' },
      ]}
    />
  );
}

function dayjsDay(offset: number): string {
  return dayjs().add(offset, 'day').format('YYYY-MM-DD');
}
