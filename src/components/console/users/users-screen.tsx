'use client';
// The app's users (peers): id search, message and session counts, last activity; a page at a time. Filter and page
// live in the URL (`?q=…&page=…`).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { appHref, peerHref } from '../shell/app-paths';
import { ClearFiltersLink } from '../ui/clear-filters-link';
import { DataTable } from '../ui/data-table';
import { FilterForm } from '../ui/filter-form';
import { UsersIcon } from '../ui/icons';
import { IdLink } from '../ui/id-link';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { ScreenHeader } from '../ui/screen-header';
import { SearchField } from '../ui/search-box';
import { EmptyState } from '../ui/states';
import { formatCount, tdClasses } from '../ui/table';
import { Timestamp, TimestampOr } from '../ui/timestamp';
import { usersInput, type UsersView } from './users-query';

export function UsersScreen({ app, view }: { app: string; view: UsersView }) {
  const trpc = useTRPC();
  const peers = useQuery(trpc.peers.list.queryOptions(usersInput(app, view)));
  const base = appHref(app, 'users');
  const href = (page: number) => withQuery(base, { q: view.q, page }, { page: 1 });

  return (
    <section aria-labelledby="users-heading">
      <ScreenHeader
        id="users-heading"
        title="Users"
        description="Every peer of this app — people and agents — with how much they have said and when."
        actions={
          <FilterForm label="Filter users" hrefOf={(field) => withQuery(base, { q: field('q') })} className="flex items-end gap-2">
            <SearchField key={view.q} name="q" label="Id contains" defaultValue={view.q} placeholder="alice" className="w-64" />
          </FilterForm>
        }
      />

      <div className="mt-6">
        <PagedList
          query={peers}
          loading="Loading users"
          rows={5}
          errorTitle="Could not load the users"
          empty={
            <EmptyState
              icon={<UsersIcon className="size-5" />}
              title={view.q ? `No user id contains “${view.q}”` : 'No users yet'}
              body={view.q ? 'Try a shorter part of the id.' : 'Peers appear here as soon as your code creates them or writes their first message.'}
              action={view.q ? <ClearFiltersLink href={base}>Show all users</ClearFiltersLink> : undefined}
            />
          }
          pagesLabel="Users pages"
          href={href}
        >
          {(items) => (
            <DataTable
              caption="Users of this app, latest message first. Last message is the message's own time; added is when Rapport first saw the user."
              className="min-w-[40rem]"
              columns={['User', { label: 'Messages', align: 'right' }, { label: 'Sessions', align: 'right' }, 'Last message', 'Added']}
            >
              {items.map((peer) => (
                <tr key={peer.id} className="text-stone-700 hover:bg-stone-50/60">
                  <td className={tdClasses}>
                    <IdLink id={peer.id} href={peerHref(app, peer.id)} copyLabel={`Copy user id ${peer.id}`} />
                  </td>
                  <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(peer.messageCount)}</td>
                  <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(peer.sessionCount)}</td>
                  <td className={tdClasses}>
                    <TimestampOr iso={peer.lastMessageAt} relative fallback="No messages" />
                  </td>
                  <td className={`${tdClasses} text-stone-500`}>
                    <Timestamp iso={peer.createdAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </PagedList>
      </div>
    </section>
  );
}
