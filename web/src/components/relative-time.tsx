import { Tooltip } from '@mantine/core';
import { exact, relative } from '../lib/format.ts';

/** "3 hours ago" with the exact time on hover, focus or long press, and for screen readers. */
export function RelativeTime({ value, prefix }: { value: string; prefix?: string }) {
  const text = `${prefix ? `${prefix} ` : ''}${relative(value)}`;
  return (
    <Tooltip label={exact(value)} events={{ hover: true, focus: true, touch: true }}>
      <time dateTime={value} tabIndex={0} title={exact(value)}>
        {text}
      </time>
    </Tooltip>
  );
}
