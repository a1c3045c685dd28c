'use client';
// The app's users (peers): id search, message and session counts, last activity; a page at a time. Filter and page
// live in the URL (`?q=…&page=…`).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import { appHref, peerHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { UsersIcon } from '../ui/icons';
import { CopyIdButton } from '../ui/copy-id-button';
import { Pagination } from '../ui/pagination';
import { withQuery } from '../ui/query-string';
import { SearchField } from '../ui/search-box';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { formatCount, tableClasses, tableFrame, tdClasses, theadClasses, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { usersInput, type UsersView } from './users-query';

export function UsersScreen({ app, view }: { app: string; view: UsersView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const peers = useQuery(trpc.peers.list.queryOptions(usersInput(app, view)));
  const base = appHref(app, 'users');
  const href = (page: number) => withQuery(base, { q: view.q, page }, { page: 1 });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    router.push(withQuery(base, { q }));
  }

  return (
    <section aria-labelledby="users-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="users-heading" className="text-lg font-semibold text-stone-900">
            Users
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">Every peer of this app — people and agents — with how much they have said and when.</p>
        </div>
        <form role="search" aria-label="Filter users" onSubmit={onSubmit} className="flex items-end gap-2">
          <SearchField key={view.q} name="q" label="Id contains" defaultValue={view.q} placeholder="alice" className="w-64" />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </div>

      <div className="mt-6">
        {peers.isPending ? <SkeletonRows rows={5} label="Loading users" /> : null}
        {peers.isError ? <ErrorState title="Could not load the users" message={errorMessage(peers.error)} onRetry={() => void peers.refetch()} /> : null}
        {peers.data && peers.data.total === 0 ? (
          <EmptyState
            icon={<UsersIcon className="size-5" />}
            title={view.q ? `No user id contains “${view.q}”` : 'No users yet'}
            body={view.q ? 'Try a shorter part of the id.' : 'Peers appear here as soon as your code creates them or writes their first message.'}
            action={
              view.q ? (
                <Link href={base} className="font-medium text-accent-700 hover:underline">
                  Show all users
                </Link>
              ) : undefined
            }
          />
        ) : null}
        {peers.data && peers.data.items.length > 0 ? (
          <div className={tableFrame}>
            <table className={`${tableClasses} min-w-[40rem]`}>
              <caption className="sr-only">Users of this app, latest message first. Last message is the message&apos;s own time; added is when Rapport first saw the user.</caption>
              <thead className={theadClasses}>
                <tr>
                  <Th>User</Th>
                  <Th align="right">Messages</Th>
                  <Th align="right">Sessions</Th>
                  <Th>Last message</Th>
                  <Th>Added</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {peers.data.items.map((peer) => (
                  <tr key={peer.id} className="text-stone-700 hover:bg-stone-50/60">
                    <td className={tdClasses}>
                      <span className="flex items-center gap-1">
                        <Link href={peerHref(app, peer.id)} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
                          {peer.id}
                        </Link>
                        <CopyIdButton value={peer.id} label={`Copy user id ${peer.id}`} />
                      </span>
                    </td>
                    <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(peer.messageCount)}</td>
                    <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(peer.sessionCount)}</td>
                    <td className={tdClasses}>{peer.lastMessageAt ? <Timestamp iso={peer.lastMessageAt} relative /> : <span className="text-stone-500">No messages</span>}</td>
                    <td className={`${tdClasses} text-stone-500`}>
                      <Timestamp iso={peer.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {peers.data ? <Pagination label="Users pages" page={peers.data.page} pages={peers.data.pages} total={peers.data.total} size={peers.data.size} href={href} /> : null}
      </div>
    </section>
  );
}
