// What a detail screen (one user, session or scope) shows instead of its subject: skeleton rows while it loads, a
// "not found" with the way back to the list when the server says there is no such thing, else the error and a retry.
import { NotFoundState, type NotFound } from './not-found-state';
import type { QueryLike } from './query-status';
import { ErrorState, SkeletonRows } from './states';
import { errorMessage } from './trpc-errors';

function isNotFound(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === 'NOT_FOUND';
}

export function DetailFallback({ query, loading, errorTitle, notFound }: { query: QueryLike<unknown>; loading: string; errorTitle: string; notFound: NotFound }) {
  if (query.isPending) return <SkeletonRows rows={4} label={loading} />;
  if (isNotFound(query.error)) return <NotFoundState {...notFound} />;
  return <ErrorState title={errorTitle} message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
}
