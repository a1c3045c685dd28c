// A paged list from one query: loading and error states, what to show when nothing matched, the items, and the page
// links below. The console's list screens (sessions, users, facts, queue, requests, messages) all page this way.
import type { ReactNode } from 'react';
import { Pagination } from './pagination';
import { QueryStatus, type QueryLike } from './query-status';

export type ListPage<T> = { items: T[]; total: number; page: number; pages: number; size: number };

type Props<T> = {
  query: QueryLike<ListPage<T>>;
  /** The skeleton's accessible name and row count. */
  loading: string;
  rows?: number;
  errorTitle: string;
  /** Shown when the list (after filters) has no item at all. */
  empty: ReactNode;
  /** The page links' accessible name and each page's URL. */
  pagesLabel: string;
  href: (page: number) => string;
  children: (items: T[]) => ReactNode;
};

export function PagedList<T>({ query, loading, rows, errorTitle, empty, pagesLabel, href, children }: Props<T>) {
  const data = query.data;
  return (
    <>
      <QueryStatus query={query} loading={loading} rows={rows} errorTitle={errorTitle} />
      {data && data.total === 0 ? empty : null}
      {data && data.items.length > 0 ? children(data.items) : null}
      {data ? <Pagination label={pagesLabel} page={data.page} pages={data.pages} total={data.total} size={data.size} href={href} /> : null}
    </>
  );
}
