// /console/apps/{app}/webhooks — endpoints, test events and the delivery log (`?page=` pages the log).
import type { Metadata } from 'next';
import { deliveriesInput } from '@/components/console/webhooks/webhooks-query';
import { WebhooksScreen } from '@/components/console/webhooks/webhooks-screen';
import { pageParam } from '@/components/console/ui/query-string';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Webhooks' };

export default appScreenPage({
  view: (query) => pageParam(query.page),
  prefetch: (queryClient, app, page) =>
    Promise.all([queryClient.prefetchQuery(trpc.webhooks.endpoints.queryOptions({ app })), queryClient.prefetchQuery(trpc.webhooks.deliveries.queryOptions(deliveriesInput(app, page)))]),
  screen: (app, page) => <WebhooksScreen app={app} page={page} />,
});
