import { Center, Loader } from '@mantine/core';

/** The whole-page wait while the session is restored or a page's code loads. */
export function PageLoader() {
  return (
    <Center py="xl" mih="50vh" role="status" aria-label="Loading">
      <Loader />
    </Center>
  );
}
