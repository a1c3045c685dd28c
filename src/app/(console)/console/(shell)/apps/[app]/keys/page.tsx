// /console/apps/{app}/keys — the app's stored API keys.
import type { Metadata } from 'next';
import { KeysScreen } from '@/components/console/keys/keys-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage, noView } from '../../../../app-screen-page';
import { requestOrigin } from '../../../../request-origin';

export const metadata: Metadata = { title: 'API keys' };

export default appScreenPage({
  view: noView,
  prefetch: (queryClient, app) => queryClient.prefetchQuery(trpc.keys.list.queryOptions({ app })),
  screen: async (app) => <KeysScreen app={app} baseUrl={await requestOrigin()} />,
});
