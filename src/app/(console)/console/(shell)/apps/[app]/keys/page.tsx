// /console/apps/{app}/keys — the app's stored API keys.
import type { Metadata } from 'next';
import { KeysScreen } from '@/components/console/keys/keys-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';
import { requestOrigin } from '../../../../request-origin';

export const metadata: Metadata = { title: 'API keys' };

type Props = { params: Promise<{ app: string }> };

export default async function KeysPage({ params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await getQueryClient().prefetchQuery(trpc.keys.list.queryOptions({ app }));
  return (
    <HydrateClient>
      <KeysScreen app={app} baseUrl={await requestOrigin()} />
    </HydrateClient>
  );
}
