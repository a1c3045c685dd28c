// /console/apps/{app}/settings — the app's configuration: reasoning, summaries, peer cards, dreams.
import type { Metadata } from 'next';
import { SettingsScreen } from '@/components/console/settings/settings-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage, noView } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Settings' };

export default appScreenPage({
  view: noView,
  prefetch: (queryClient, app) => queryClient.prefetchQuery(trpc.settings.get.queryOptions({ app })),
  screen: (app) => <SettingsScreen app={app} />,
});
