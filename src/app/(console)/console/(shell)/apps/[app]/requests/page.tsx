// /console/apps/{app}/requests — the request log: `?status=` class, `?route=`, `?key=`, `?page=`.
import type { Metadata } from 'next';
import { RequestLogScreen } from '@/components/console/usage/request-log-screen';
import { requestLogInputOf, requestLogViewOf } from '@/components/console/usage/usage-query';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Request log' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestLogPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const view = requestLogViewOf(await searchParams);
  await getQueryClient().prefetchQuery(trpc.usage.requests.queryOptions(requestLogInputOf(app, view)));
  return (
    <HydrateClient>
      <RequestLogScreen app={app} view={view} />
    </HydrateClient>
  );
}
