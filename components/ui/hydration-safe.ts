import { useSyncExternalStore } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

const noSubscribe = () => () => {};

/**
 * A query's result as the server rendered it (pending) while React hydrates, the real one after.
 * Lesson widgets hydrate late (components/ui/hydrate-near.tsx): by then another widget may have
 * filled the shared cache, and a first render from it would not match the server HTML (React
 * would throw that HTML away with a hydration error). During hydration React reads the server
 * snapshot below, then re-renders the hydrated widget with the cache.
 */
export function useHydrationSafe<T, E>(query: UseQueryResult<T, E>): UseQueryResult<T, E> {
  const hydrating = useSyncExternalStore(
    noSubscribe,
    () => false,
    () => true,
  );
  if (!hydrating || query.isPending) return query;
  // The shape of a query that has not answered yet (what the server, which never fetches, had).
  const pending = {
    ...query,
    data: undefined,
    error: null,
    status: 'pending',
    fetchStatus: 'idle',
    isPending: true,
    isSuccess: false,
    isError: false,
    isLoading: false,
    isLoadingError: false,
    isRefetchError: false,
    isFetched: false,
    isFetchedAfterMount: false,
    isFetching: false,
    isRefetching: false,
    isPlaceholderData: false,
    isStale: true,
    dataUpdatedAt: 0,
    errorUpdatedAt: 0,
  };
  return pending as UseQueryResult<T, E>;
}
