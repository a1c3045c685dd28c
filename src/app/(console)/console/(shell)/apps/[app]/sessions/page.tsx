// /console/apps/{app}/sessions — the app's sessions; `?state=active|inactive`, `?peer=`, `?q=`, `?page=`.
import type { Metadata } from 'next';
import { SessionsScreen } from '@/components/console/sessions/sessions-screen';
import { sessionsInput, stateParam } from '@/components/console/sessions/sessions-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Sessions' };

export default appScreenPage({
  view: (query) => ({ q: textParam(query.q).trim(), peer: textParam(query.peer).trim(), state: stateParam(query.state), page: pageParam(query.page) }),
  prefetch: (queryClient, app, view) => queryClient.prefetchQuery(trpc.sessions.list.queryOptions(sessionsInput(app, view))),
  screen: (app, view) => <SessionsScreen app={app} view={view} />,
});
