// /console/apps/{app}/users — the app's peers; `?q=` filters by id, `?page=` pages.
import type { Metadata } from 'next';
import { UsersScreen } from '@/components/console/users/users-screen';
import { usersInput } from '@/components/console/users/users-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Users' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const query = await searchParams;
  const view = { q: textParam(query.q).trim(), page: pageParam(query.page) };
  await getQueryClient().prefetchQuery(trpc.peers.list.queryOptions(usersInput(app, view)));
  return (
    <HydrateClient>
      <UsersScreen app={app} view={view} />
    </HydrateClient>
  );
}
