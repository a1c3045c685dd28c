'use client';
// The app's sessions: filter by state, member peer and id; a page at a time. Filters and page live in the URL.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import type { SessionStateFilter } from '@/contracts/console-data';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { ChatIcon } from '../ui/icons';
import { Pagination } from '../ui/pagination';
import { withQuery } from '../ui/query-string';
import { SearchField } from '../ui/search-box';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { errorMessage } from '../ui/trpc-errors';
import { sessionsInput, type SessionsView } from './sessions-query';
import { SessionsTable } from './sessions-table';

const STATE_LABELS: Record<SessionStateFilter, string> = { all: 'All', active: 'Active', inactive: 'Inactive' };
const tab =
  'rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs';

export function SessionsScreen({ app, view }: { app: string; view: SessionsView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const sessions = useQuery(trpc.sessions.list.queryOptions(sessionsInput(app, view)));
  const base = appHref(app, 'sessions');
  const url = (next: Partial<SessionsView>) => withQuery(base, { ...view, page: 1, ...next }, { state: 'all', page: 1 });
  const filtered = Boolean(view.q || view.peer || view.state !== 'all');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    router.push(url({ q: String(form.get('q') ?? '').trim(), peer: String(form.get('peer') ?? '').trim() }));
  }

  return (
    <section aria-labelledby="sessions-heading">
      <div>
        <h2 id="sessions-heading" className="text-lg font-semibold text-stone-900">
          Sessions
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-stone-600">Conversations your code recorded, most recently active first.</p>
      </div>

      <div className="mt-5 flex flex-wrap items-end justify-between gap-4">
        <nav aria-label="Session state" className="flex rounded-lg bg-stone-100 p-1">
          {(Object.keys(STATE_LABELS) as SessionStateFilter[]).map((state) => (
            <Link key={state} href={url({ state })} aria-current={view.state === state ? 'page' : undefined} className={tab}>
              {STATE_LABELS[state]}
            </Link>
          ))}
        </nav>
        <form role="search" aria-label="Filter sessions" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
          <SearchField key={`q-${view.q}`} name="q" label="Id contains" defaultValue={view.q} placeholder="support" className="w-52" />
          <SearchField key={`peer-${view.peer}`} name="peer" label="With peer (exact id)" defaultValue={view.peer} placeholder="alice" className="w-52" />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </div>

      <div className="mt-5">
        {sessions.isPending ? <SkeletonRows rows={5} label="Loading sessions" /> : null}
        {sessions.isError ? <ErrorState title="Could not load the sessions" message={errorMessage(sessions.error)} onRetry={() => void sessions.refetch()} /> : null}
        {sessions.data && sessions.data.total === 0 ? (
          <EmptyState
            icon={<ChatIcon className="size-5" />}
            title={filtered ? 'No session matches these filters' : 'No sessions yet'}
            body={filtered ? 'Loosen a filter to see more.' : 'Sessions appear when your code creates one or adds messages to it.'}
            action={
              filtered ? (
                <Link href={base} className="font-medium text-accent-700 hover:underline">
                  Clear filters
                </Link>
              ) : undefined
            }
          />
        ) : null}
        {sessions.data && sessions.data.items.length > 0 ? <SessionsTable app={app} rows={sessions.data.items} caption="Sessions of this app, most recently active first" /> : null}
        {sessions.data ? (
          <Pagination
            label="Sessions pages"
            page={sessions.data.page}
            pages={sessions.data.pages}
            total={sessions.data.total}
            size={sessions.data.size}
            href={(page) => withQuery(base, { ...view, page }, { state: 'all', page: 1 })}
          />
        ) : null}
      </div>
    </section>
  );
}
