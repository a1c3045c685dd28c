'use client';
// Search the app's messages or conclusions with the API's hybrid ranking (full text + embeddings), optionally for
// one peer and one session. The query and filters live in the URL, so a search can be shared.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import type { SearchKind } from '@/contracts/console-data';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { factHref, messageHref } from '../shell/item-links';
import { appHref, peerHref, sessionHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { inputClasses } from '../ui/field';
import { SearchIcon } from '../ui/icons';
import { CopyIdButton } from '../ui/copy-id-button';
import { Pagination } from '../ui/pagination';
import { withQuery } from '../ui/query-string';
import { SearchField } from '../ui/search-box';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { searchRunInput, type SearchView } from './search-query';

const KINDS: { kind: SearchKind; label: string }[] = [
  { kind: 'messages', label: 'Messages' },
  { kind: 'conclusions', label: 'Conclusions' },
];

export function SearchScreen({ app, view }: { app: string; view: SearchView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const results = useQuery({ ...trpc.search.run.queryOptions(searchRunInput(app, view)), enabled: view.q.length > 0 });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    router.push(withQuery(appHref(app, 'search'), { q: text('q'), kind: text('kind'), peer: text('peer'), session: text('session') }, { kind: 'messages' }));
  }

  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading" className="text-lg font-semibold text-stone-900">
        Search
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-stone-600">Find what was said, or what Rapport concluded, anywhere in this app. Ranking is the same as the API&apos;s search.</p>

      <form role="search" aria-label="Search this app" onSubmit={onSubmit} key={JSON.stringify(view)} className="mt-5 rounded-xl border border-stone-200 bg-white p-4 shadow-xs">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor="search-q" className="block text-xs font-medium text-stone-600">
              Search for
            </label>
            <div className="relative mt-1">
              <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-stone-400" />
              <input id="search-q" name="q" type="search" required maxLength={2000} defaultValue={view.q} placeholder="Where does the user live?" className={`${inputClasses} pl-8`} />
            </div>
          </div>
          <fieldset className="flex items-center gap-3">
            <legend className="sr-only">Search in</legend>
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className="flex items-center gap-1.5 text-sm text-stone-700">
                <input type="radio" name="kind" value={kind} defaultChecked={view.kind === kind} className="accent-accent-600" />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <SearchField name="peer" label={view.kind === 'conclusions' ? 'About peer (exact id)' : 'Written by peer (exact id)'} defaultValue={view.peer} placeholder="any" className="w-56" />
          <SearchField name="session" label="In session (exact id)" defaultValue={view.session} placeholder="any" className="w-56" />
          <Button type="submit" className="ml-auto">
            Search
          </Button>
        </div>
      </form>

      <div className="mt-6" aria-live="polite">
        {!view.q ? (
          <EmptyState icon={<SearchIcon className="size-5" />} title="Search this app" body="Type words, a name or a question. Messages match by meaning as well as by words." />
        ) : null}
        {view.q && results.isPending ? <SkeletonRows rows={4} label="Searching" /> : null}
        {results.isError ? <ErrorState title="The search failed" message={errorMessage(results.error)} onRetry={() => void results.refetch()} /> : null}
        {results.data && results.data.hits.length === 0 ? (
          <>
            <EmptyState
              icon={<SearchIcon className="size-5" />}
              title="No good match"
              body={`No ${view.kind} contain the words of “${view.q}”${view.peer || view.session ? ' with these filters' : ''}.`}
            />
            {results.data.loose.length > 0 ? (
              <details className="mt-4 text-sm">
                <summary className="cursor-pointer font-medium text-stone-700 hover:text-stone-900">
                  Show the {results.data.loose.length} nearest {view.kind} anyway (ranked by meaning, none shares a word with the query)
                </summary>
                <ol aria-label="Loose matches" className="mt-3 space-y-3">
                  {results.data.loose.map((hit) => (
                    <SearchHit key={hit.id} app={app} hit={hit} />
                  ))}
                </ol>
              </details>
            ) : null}
          </>
        ) : null}
        {results.data && results.data.hits.length > 0 ? (
          <>
            <p className="mb-3 text-sm text-stone-600">
              <span className="tabular-nums">{results.data.total}</span> good match{results.data.total === 1 ? '' : 'es'} — {view.kind} containing{' '}
              {results.data.terms.length === 1 ? 'the word' : 'a word'} of the query, best first. Scores are the fused rank score (higher is better).
            </p>
            <ol aria-label="Search results" className="space-y-3">
              {results.data.hits.map((hit) => (
                <SearchHit key={hit.id} app={app} hit={hit} />
              ))}
            </ol>
            <Pagination
              label="Result pages"
              page={results.data.page}
              pages={results.data.pages}
              total={results.data.total}
              size={results.data.size}
              href={(page) => withQuery(appHref(app, 'search'), { q: view.q, kind: view.kind, peer: view.peer, session: view.session, page }, { kind: 'messages', page: 1 })}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}

type Hit = RouterOutputs['search']['run']['hits'][number];

/** The text with the query's words marked. */
function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-100 px-0.5 text-stone-900">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A message opens its session at the page that shows it, scrolled to it; a conclusion opens its place in the facts list. */
function hitHref(app: string, hit: Hit): string {
  if (hit.kind === 'message') return messageHref(app, hit);
  return factHref(app, hit, hit.page);
}

function SearchHit({ app, hit }: { app: string; hit: Hit }) {
  return (
    <li className="rounded-xl border border-stone-200 bg-white px-5 py-4 shadow-xs">
      <div className="flex items-start justify-between gap-3">
        <p className="min-w-0 whitespace-pre-wrap break-words text-sm text-stone-900">
          <Highlighted text={hit.content} ranges={hit.highlights} />
        </p>
        <span className="shrink-0 font-mono text-xs tabular-nums text-stone-500" title="Fused rank score: higher ranks first">
          {hit.score.toFixed(4)}
        </span>
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-500">
        {hit.kind === 'message' ? (
          <>
            <Link href={peerHref(app, hit.peer)} className="font-mono font-medium text-accent-700 hover:underline">
              {hit.peer}
            </Link>
            <span>
              in{' '}
              <Link href={sessionHref(app, hit.session)} className="font-mono text-accent-700 hover:underline">
                {hit.session}
              </Link>
            </span>
          </>
        ) : (
          <>
            <Badge tone="accent">{hit.level}</Badge>
            <span>
              about{' '}
              <Link href={peerHref(app, hit.observed)} className="font-mono font-medium text-accent-700 hover:underline">
                {hit.observed}
              </Link>
              {hit.observer !== hit.observed ? (
                <>
                  {' '}
                  held by <span className="font-mono">{hit.observer}</span>
                </>
              ) : null}
            </span>
          </>
        )}
        <Timestamp iso={hit.createdAt} />
        <Link href={hitHref(app, hit)} className="font-medium text-accent-700 hover:underline">
          {hit.kind === 'message' ? 'Open in session' : 'Open in facts'}
        </Link>
        <CopyIdButton value={hit.id} label={`Copy the id ${hit.id}`} />
      </p>
    </li>
  );
}
