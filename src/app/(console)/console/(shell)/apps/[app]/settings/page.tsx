// /console/apps/{app}/settings — the app's configuration: reasoning, summaries, peer cards, dreams.
import type { Metadata } from 'next';
import { SettingsScreen } from '@/components/console/settings/settings-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Settings' };

type Props = { params: Promise<{ app: string }> };

export default async function SettingsPage({ params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await getQueryClient().prefetchQuery(trpc.settings.get.queryOptions({ app }));
  return (
    <HydrateClient>
      <SettingsScreen app={app} />
    </HydrateClient>
  );
}
