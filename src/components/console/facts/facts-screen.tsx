'use client';
// The app's facts: every conclusion, filtered by observer, observed peer, level and scope (all in the URL, so a view
// can be shared), grouped by level with superseded history, a page at a time.
import { useQuery } from '@tanstack/react-query';
import { CONCLUSION_LEVELS, type ConclusionLevelFilter } from '@/contracts/console-memory';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { ClearFiltersLink } from '../ui/clear-filters-link';
import { inputClasses } from '../ui/field';
import { FilterForm } from '../ui/filter-form';
import { BulbIcon } from '../ui/icons';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { ScreenHeader } from '../ui/screen-header';
import { SearchField } from '../ui/search-box';
import { EmptyState } from '../ui/states';
import { formatCount } from '../ui/table';
import { TabLink, TabLinks } from '../ui/tab-links';
import { FactGroups } from './fact-groups';
import { factsInput, LEVEL_LABELS, type FactsView } from './facts-query';

export function FactsScreen({ app, view }: { app: string; view: FactsView }) {
  const trpc = useTRPC();
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

  return (
    <section aria-labelledby="facts-heading">
      <ScreenHeader
        id="facts-heading"
        title="Facts"
        description="What Rapport concluded from your users’ messages: stated facts, deductions, patterns and contradictions, each with the messages it came from."
      />

      <div className="mt-5 flex flex-wrap items-end justify-between gap-4">
        <TabLinks label="Fact level">
          <TabLink href={url({ level: null })} current={view.level === null}>
            All{all !== null ? <span className="ml-1 tabular-nums text-stone-500">{formatCount(all)}</span> : null}
          </TabLink>
          {CONCLUSION_LEVELS.map((level) => (
            <TabLink key={level} href={url({ level })} current={view.level === level}>
              {LEVEL_LABELS[level].title}
              {count(level) !== null ? <span className="ml-1 tabular-nums text-stone-500">{formatCount(count(level)!)}</span> : null}
            </TabLink>
          ))}
        </TabLinks>
        <FilterForm label="Filter facts" hrefOf={(field) => url({ observer: field('observer'), observed: field('observed'), scope: field('scope') })}>
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
        </FilterForm>
      </div>

      <div className="mt-5">
        <PagedList
          query={facts}
          loading="Loading facts"
          rows={5}
          errorTitle="Could not load the facts"
          empty={
            <EmptyState
              icon={<BulbIcon className="size-5" />}
              title={filtered ? 'No fact matches these filters' : 'No facts yet'}
              body={filtered ? 'Loosen a filter to see more.' : 'Facts appear a few seconds after users write messages about themselves.'}
              action={filtered ? <ClearFiltersLink href={base} /> : undefined}
            />
          }
          pagesLabel="Facts pages"
          href={(page) => withQuery(base, { ...view, page }, { page: 1 })}
        >
          {(items) => (
            <div className="rounded-xl border border-stone-200 bg-white px-5 py-4 shadow-xs">
              <FactGroups app={app} facts={items} />
            </div>
          )}
        </PagedList>
      </div>
    </section>
  );
}
