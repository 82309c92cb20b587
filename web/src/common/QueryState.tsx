import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';

/**
 * Loading, error and empty states of a list or panel, the same everywhere: a labelled loader, the API's
 * message with a retry button (announced), or the `empty` text; otherwise the children with the data.
 */
export function QueryState<T>({
  query,
  label,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loading, for screen readers: "deadlines". */
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}): ReactNode {
  if (query.isPending) {
    return (
      <Group gap="xs" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text>Loading {label}…</Text>
      </Group>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={`The ${label} could not be loaded`} role="alert">
        <Text size="sm" mb="xs">
          {errorMessage(query.error)}
        </Text>
        <Button size="xs" variant="outline" color="red" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (isEmpty?.(query.data) === true) {
    return <Text role="status">{empty ?? `No ${label}.`}</Text>;
  }
  return children(query.data);
}
