'use client';
// Previous / next for a paged list, as links, so every page has its own shareable URL (`page` in the query string).
// A page number past the end (an old link, a list that shrank) moves to the last page instead of showing nothing.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

type Props = { page: number; pages: number; total: number; size: number; href: (page: number) => string; label: string };

const link = 'rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-xs hover:bg-stone-50';
const off = 'rounded-lg border border-stone-200 px-3 py-1.5 text-sm font-medium text-stone-500';

export function Pagination({ page, pages, total, size, href, label }: Props) {
  const router = useRouter();
  const pastEnd = pages > 0 && page > pages;
  const lastPage = pastEnd ? href(pages) : null;
  useEffect(() => {
    if (lastPage) router.replace(lastPage);
  }, [lastPage, router]);
  if (total === 0) return null;
  const first = (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-stone-600">
      <p>
        {first <= total ? (
          <>
            <span className="tabular-nums">{first}</span>–<span className="tabular-nums">{last}</span> of{' '}
          </>
        ) : null}
        <span className="tabular-nums">{total}</span>
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={link} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={off}>Previous</span>
        )}
        <span className="tabular-nums">
          Page {page} of {Math.max(pages, 1)}
        </span>
        {page < pages ? (
          <Link href={href(page + 1)} className={link} rel="next">
            Next
          </Link>
        ) : (
          <span className={off}>Next</span>
        )}
      </div>
    </nav>
  );
}
