// /console/apps/{app} — the app's overview: counts, 30 days of activity, engines, how to connect, keys.
import type { Metadata } from 'next';
import { AppOverview } from '@/components/console/apps/app-overview';
import { trpc } from '@/trpc/server';
import { appScreenPage, noView, type AppPageProps } from '../../../app-screen-page';
import { requestOrigin } from '../../../request-origin';

export async function generateMetadata({ params }: Pick<AppPageProps, 'params'>): Promise<Metadata> {
  return { title: decodeURIComponent((await params).app) };
}

export default appScreenPage({
  view: noView,
  prefetch: (queryClient, app) => queryClient.prefetchQuery(trpc.overview.get.queryOptions({ app })),
  screen: async (app) => <AppOverview app={app} baseUrl={await requestOrigin()} />,
});
