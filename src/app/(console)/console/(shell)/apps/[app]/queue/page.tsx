// /console/apps/{app}/queue — background work: counts, items by `?status=` and `?kind=`, `?page=`; retry; dreams.
import type { Metadata } from 'next';
import { queueInput, queueViewOf } from '@/components/console/queue/queue-query';
import { QueueScreen } from '@/components/console/queue/queue-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Queue' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const view = queueViewOf(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.queue.status.queryOptions({ app })),
    queryClient.prefetchQuery(trpc.queue.list.queryOptions(queueInput(app, view))),
  ]);
  return (
    <HydrateClient>
      <QueueScreen app={app} view={view} />
    </HydrateClient>
  );
}
