import type { ReactNode } from 'react';
import { View } from 'react-native';
import { messageFor } from '@client';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { QueryState } from '../../components/query-state';
import { space } from '../../components/theme';

/**
 * QueryState until the first answer; after that, a refresh that fails (the server refused, the
 * phone went offline) is a notice above what is still shown, so an open dialog stays open with
 * its own error instead of the whole screen turning into "Could not load this".
 */
export function Loaded<T>({
  query,
  loadingLabel,
  children,
}: {
  query: { data: T | undefined; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  loadingLabel: string;
  children: (data: T) => ReactNode;
}) {
  if (query.data === undefined)
    return (
      <QueryState query={query} loadingLabel={loadingLabel}>
        {null}
      </QueryState>
    );
  return (
    <>
      {query.isError ? (
        <View style={{ gap: space.sm }}>
          <Notice tone="error" title="Could not refresh this">
            {messageFor(query.error)}
          </Notice>
          <Button label="Retry" variant="secondary" onPress={() => void query.refetch()} />
        </View>
      ) : null}
      {children(query.data)}
    </>
  );
}
