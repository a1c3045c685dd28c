// One QueryClient factory for the browser and for server components (which prefetch, then hand the cache over).
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data rendered on the server is fresh for a moment, so the browser does not refetch it straight away.
      queries: { staleTime: 30_000, retry: (count, error) => count < 2 && !isClientError(error) },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
    },
  });
}

/** 4xx-style tRPC errors (not found, unauthorized, bad input) are answers, not glitches: never retried. */
export function isClientError(error: unknown): boolean {
  const code = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof code === 'number' && code >= 400 && code < 500;
}
