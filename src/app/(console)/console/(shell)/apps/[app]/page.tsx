// /console/apps/{app} — the app's overview: counts, 30 days of activity, engines, how to connect, keys.
import type { Metadata } from 'next';
import { AppOverview } from '@/components/console/apps/app-overview';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';
import { requestOrigin } from '../../../request-origin';

type Props = { params: Promise<{ app: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).app) };
}

export default async function AppOverviewPage({ params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await getQueryClient().prefetchQuery(trpc.overview.get.queryOptions({ app }));
  return (
    <HydrateClient>
      <AppOverview app={app} baseUrl={await requestOrigin()} />
    </HydrateClient>
  );
}
