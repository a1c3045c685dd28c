// What a list says while its query loads or after it failed: skeleton rows, or the error with a retry. The rest of
// the list (empty state, items) renders from the data once there is some.
import { ErrorState, SkeletonRows } from './states';
import { errorMessage } from './trpc-errors';

/** The part of a TanStack query result this reads; every useQuery/useInfiniteQuery result has it. */
export type QueryLike<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => Promise<unknown> };

export function QueryStatus({ query, loading, rows, errorTitle }: { query: QueryLike<unknown>; loading: string; rows?: number; errorTitle: string }) {
  if (query.isPending) return <SkeletonRows rows={rows} label={loading} />;
  if (query.isError) return <ErrorState title={errorTitle} message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  return null;
}
