// /console/apps/{app}/queue — background work: counts, items by `?status=` and `?kind=`, `?page=`; retry; dreams.
import type { Metadata } from 'next';
import { queueInput, queueViewOf } from '@/components/console/queue/queue-query';
import { QueueScreen } from '@/components/console/queue/queue-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Queue' };

export default appScreenPage({
  view: queueViewOf,
  prefetch: (queryClient, app, view) =>
    Promise.all([queryClient.prefetchQuery(trpc.queue.status.queryOptions({ app })), queryClient.prefetchQuery(trpc.queue.list.queryOptions(queueInput(app, view)))]),
  screen: (app, view) => <QueueScreen app={app} view={view} />,
});
