// /console/apps/{app}/requests — the request log: `?status=` class, `?route=`, `?key=`, `?page=`.
import type { Metadata } from 'next';
import { RequestLogScreen } from '@/components/console/usage/request-log-screen';
import { requestLogInputOf, requestLogViewOf } from '@/components/console/usage/usage-query';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Request log' };

export default appScreenPage({
  view: requestLogViewOf,
  prefetch: (queryClient, app, view) => queryClient.prefetchQuery(trpc.usage.requests.queryOptions(requestLogInputOf(app, view))),
  screen: (app, view) => <RequestLogScreen app={app} view={view} />,
});
