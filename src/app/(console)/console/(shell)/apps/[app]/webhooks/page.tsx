// /console/apps/{app}/webhooks — endpoints, test events and the delivery log (`?page=` pages the log).
import type { Metadata } from 'next';
import { deliveriesInput } from '@/components/console/webhooks/webhooks-query';
import { WebhooksScreen } from '@/components/console/webhooks/webhooks-screen';
import { pageParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Webhooks' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebhooksPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const page = pageParam((await searchParams).page);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.webhooks.endpoints.queryOptions({ app })),
    queryClient.prefetchQuery(trpc.webhooks.deliveries.queryOptions(deliveriesInput(app, page))),
  ]);
  return (
    <HydrateClient>
      <WebhooksScreen app={app} page={page} />
    </HydrateClient>
  );
}
