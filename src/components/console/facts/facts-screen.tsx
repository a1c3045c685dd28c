'use client';
// The app's facts: every conclusion, filtered by observer, observed peer, level and scope (all in the URL, so a view
// can be shared), grouped by level with superseded history, a page at a time.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { CONCLUSION_LEVELS, type ConclusionLevelFilter } from '@/contracts/console-memory';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { inputClasses } from '../ui/field';
import { BulbIcon } from '../ui/icons';
import { Pagination } from '../ui/pagination';
import { withQuery } from '../ui/query-string';
import { SearchField } from '../ui/search-box';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { formatCount } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';
import { FactGroups } from './fact-groups';
import { factsInput, LEVEL_LABELS, type FactsView } from './facts-query';

const tab =
  'rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs';

export function FactsScreen({ app, view }: { app: string; view: FactsView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const facts = useQuery(trpc.facts.list.queryOptions(factsInput(app, view)));
  const base = appHref(app, 'facts');
  const url = (next: Partial<FactsView>) => withQuery(base, { ...view, page: 1, ...next }, { page: 1 });
  const scopes = useQuery(trpc.scopes.list.queryOptions({ app }));
  // The URL's scope first, keyed by id: its <option> stays the same element when the list arrives, so it stays selected.
  const scopeIds = [...new Set([...(view.scope ? [view.scope] : []), ...(scopes.data?.map((s) => s.id) ?? [])])];
  const filtered = Boolean(view.observer || view.observed || view.level || view.scope);
  const levels = facts.data?.levels;
  const count = (level: ConclusionLevelFilter) => (levels ? levels[level].live + levels[level].superseded : null);
  const all = levels ? CONCLUSION_LEVELS.reduce((sum, level) => sum + (count(level) ?? 0), 0) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    router.push(
      url({ observer: String(form.get('observer') ?? '').trim(), observed: String(form.get('observed') ?? '').trim(), scope: String(form.get('scope') ?? '') }),
    );
  }

  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="text-lg font-semibold text-stone-900">
        Facts
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-stone-600">
        What Rapport concluded from your users’ messages: stated facts, deductions, patterns and contradictions, each with the messages it came from.
      </p>

      <div className="mt-5 flex flex-wrap items-end justify-between gap-4">
        <nav aria-label="Fact level" className="flex flex-wrap rounded-lg bg-stone-100 p-1">
          <Link href={url({ level: null })} aria-current={view.level === null ? 'page' : undefined} className={tab}>
            All{all !== null ? <span className="ml-1 tabular-nums text-stone-500">{formatCount(all)}</span> : null}
          </Link>
          {CONCLUSION_LEVELS.map((level) => (
            <Link key={level} href={url({ level })} aria-current={view.level === level ? 'page' : undefined} className={tab}>
              {LEVEL_LABELS[level].title}
              {count(level) !== null ? <span className="ml-1 tabular-nums text-stone-500">{formatCount(count(level)!)}</span> : null}
            </Link>
          ))}
        </nav>
        <form role="search" aria-label="Filter facts" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
          <SearchField key={`observer-${view.observer}`} name="observer" label="Held by (observer id)" defaultValue={view.observer} placeholder="alice" className="w-48" />
          <SearchField key={`observed-${view.observed}`} name="observed" label="About (observed id)" defaultValue={view.observed} placeholder="alice" className="w-48" />
          <div>
            <label htmlFor="facts-scope" className="block text-xs font-medium text-stone-600">
              Scope
            </label>
            <select key={`scope-${view.scope}`} id="facts-scope" name="scope" defaultValue={view.scope ?? ''} className={`mt-1 w-40 ${inputClasses}`}>
              <option value="">Any</option>
              {scopeIds.map((id) => (
                <option key={id} value={id}>{id}</option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </div>

      <div className="mt-5">
        {facts.isPending ? <SkeletonRows rows={5} label="Loading facts" /> : null}
        {facts.isError ? <ErrorState title="Could not load the facts" message={errorMessage(facts.error)} onRetry={() => void facts.refetch()} /> : null}
        {facts.data && facts.data.total === 0 ? (
          <EmptyState
            icon={<BulbIcon className="size-5" />}
            title={filtered ? 'No fact matches these filters' : 'No facts yet'}
            body={filtered ? 'Loosen a filter to see more.' : 'Facts appear a few seconds after users write messages about themselves.'}
            action={
              filtered ? (
                <Link href={base} className="font-medium text-accent-700 hover:underline">
                  Clear filters
                </Link>
              ) : undefined
            }
          />
        ) : null}
        {facts.data && facts.data.items.length > 0 ? (
          <div className="rounded-xl border border-stone-200 bg-white px-5 py-4 shadow-xs">
            <FactGroups app={app} facts={facts.data.items} />
          </div>
        ) : null}
        {facts.data ? (
          <Pagination
            label="Facts pages"
            page={facts.data.page}
            pages={facts.data.pages}
            total={facts.data.total}
            size={facts.data.size}
            href={(page) => withQuery(base, { ...view, page }, { page: 1 })}
          />
        ) : null}
      </div>
    </section>
  );
}
