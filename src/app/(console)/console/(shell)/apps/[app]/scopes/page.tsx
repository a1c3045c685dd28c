// /console/apps/{app}/scopes — the app's scopes.
import type { Metadata } from 'next';
import { ScopesScreen } from '@/components/console/scopes/scopes-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage, noView } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Scopes' };

export default appScreenPage({
  view: noView,
  prefetch: (queryClient, app) => queryClient.prefetchQuery(trpc.scopes.list.queryOptions({ app })),
  screen: (app) => <ScopesScreen app={app} />,
});
