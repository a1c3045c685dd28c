// /console/apps/{app}/users — the app's peers; `?q=` filters by id, `?page=` pages.
import type { Metadata } from 'next';
import { UsersScreen } from '@/components/console/users/users-screen';
import { usersInput } from '@/components/console/users/users-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Users' };

export default appScreenPage({
  view: (query) => ({ q: textParam(query.q).trim(), page: pageParam(query.page) }),
  prefetch: (queryClient, app, view) => queryClient.prefetchQuery(trpc.peers.list.queryOptions(usersInput(app, view))),
  screen: (app, view) => <UsersScreen app={app} view={view} />,
});
