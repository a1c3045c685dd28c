'use client';
// The app's sessions: filter by state, member peer and id; a page at a time. Filters and page live in the URL.
import { useQuery } from '@tanstack/react-query';
import type { SessionStateFilter } from '@/contracts/console-data';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { ChatIcon } from '../ui/icons';
import { ClearFiltersLink } from '../ui/clear-filters-link';
import { FilterForm } from '../ui/filter-form';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { SearchField } from '../ui/search-box';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { TabLink, TabLinks } from '../ui/tab-links';
import { sessionsInput, type SessionsView } from './sessions-query';
import { SessionsTable } from './sessions-table';

const STATE_LABELS: Record<SessionStateFilter, string> = { all: 'All', active: 'Active', inactive: 'Inactive' };

export function SessionsScreen({ app, view }: { app: string; view: SessionsView }) {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.sessions.list.queryOptions(sessionsInput(app, view)));
  const base = appHref(app, 'sessions');
  const url = (next: Partial<SessionsView>) => withQuery(base, { ...view, page: 1, ...next }, { state: 'all', page: 1 });
  const filtered = Boolean(view.q || view.peer || view.state !== 'all');

  return (
    <section aria-labelledby="sessions-heading">
      <ScreenHeader id="sessions-heading" title="Sessions" description="Conversations your code recorded, most recently active first." />

      <div className="mt-5 flex flex-wrap items-end justify-between gap-4">
        <TabLinks label="Session state" wrap={false}>
          {(Object.keys(STATE_LABELS) as SessionStateFilter[]).map((state) => (
            <TabLink key={state} href={url({ state })} current={view.state === state}>
              {STATE_LABELS[state]}
            </TabLink>
          ))}
        </TabLinks>
        <FilterForm label="Filter sessions" hrefOf={(field) => url({ q: field('q'), peer: field('peer') })}>
          <SearchField key={`q-${view.q}`} name="q" label="Id contains" defaultValue={view.q} placeholder="support" className="w-52" />
          <SearchField key={`peer-${view.peer}`} name="peer" label="With peer (exact id)" defaultValue={view.peer} placeholder="alice" className="w-52" />
        </FilterForm>
      </div>

      <div className="mt-5">
        <PagedList
          query={sessions}
          loading="Loading sessions"
          rows={5}
          errorTitle="Could not load the sessions"
          empty={
            <EmptyState
              icon={<ChatIcon className="size-5" />}
              title={filtered ? 'No session matches these filters' : 'No sessions yet'}
              body={filtered ? 'Loosen a filter to see more.' : 'Sessions appear when your code creates one or adds messages to it.'}
              action={filtered ? <ClearFiltersLink href={base} /> : undefined}
            />
          }
          pagesLabel="Sessions pages"
          href={(page) => withQuery(base, { ...view, page }, { state: 'all', page: 1 })}
        >
          {(rows) => <SessionsTable app={app} rows={rows} caption="Sessions of this app, most recently active first" />}
        </PagedList>
      </div>
    </section>
  );
}
