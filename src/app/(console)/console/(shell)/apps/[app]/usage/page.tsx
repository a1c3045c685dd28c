// /console/apps/{app}/usage — requests, tokens and cost per day over `?days=` (7, 30 or 90), per key and per task.
import type { Metadata } from 'next';
import { usageDaysOf } from '@/components/console/usage/usage-query';
import { UsageScreen } from '@/components/console/usage/usage-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Usage' };

export default appScreenPage({
  view: usageDaysOf,
  prefetch: (queryClient, app, days) => queryClient.prefetchQuery(trpc.usage.summary.queryOptions({ app, days })),
  screen: (app, days) => <UsageScreen app={app} days={days} />,
});
