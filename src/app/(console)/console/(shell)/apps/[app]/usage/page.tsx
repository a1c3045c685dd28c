// /console/apps/{app}/usage — requests, tokens and cost per day over `?days=` (7, 30 or 90), per key and per task.
import type { Metadata } from 'next';
import { usageDaysOf } from '@/components/console/usage/usage-query';
import { UsageScreen } from '@/components/console/usage/usage-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Usage' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsagePage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const days = usageDaysOf(await searchParams);
  await getQueryClient().prefetchQuery(trpc.usage.summary.queryOptions({ app, days }));
  return (
    <HydrateClient>
      <UsageScreen app={app} days={days} />
    </HydrateClient>
  );
}
