// /console/apps/{app}/scopes — the app's scopes.
import type { Metadata } from 'next';
import { ScopesScreen } from '@/components/console/scopes/scopes-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Scopes' };

type Props = { params: Promise<{ app: string }> };

export default async function ScopesPage({ params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await getQueryClient().prefetchQuery(trpc.scopes.list.queryOptions({ app }));
  return (
    <HydrateClient>
      <ScopesScreen app={app} />
    </HydrateClient>
  );
}
