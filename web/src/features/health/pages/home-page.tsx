import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/page-header.tsx';
import { dayjs } from '../../../lib/format.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { CheckInChart } from '../components/charts/checkin-chart.tsx';
import { LatestEntries } from '../components/latest-entries.tsx';
import { TodayCard } from '../components/today-card.tsx';

/** Home: today at a glance, the last 30 days of mood, energy and sleep, and the latest entries of each kind. */
export default function HomePage() {
  const user = useCurrentUser();
  const from = dayjs().subtract(29, 'day').format('YYYY-MM-DD');
  const to = dayjs().format('YYYY-MM-DD');
  const isNew = dayjs().diff(user.createdAt, 'day') < 1;
  return (
    <>
      <PageHeader
        title="Home"
        description={`Welcome${isNew ? '' : ' back'}, ${user.username}. Here is today at a glance.`}
      />
      <Stack gap="lg">
        <TodayCard />
        <CheckInChart range={{ from, to }} subtitle="The last 30 days" />
        <LatestEntries />
      </Stack>
    </>
  );
}
