// /console/apps/{app}/users/{peer} — one user: details, card, sessions (`?spage=`), export and delete.
import type { Metadata } from 'next';
import { PeerScreen } from '@/components/console/users/peer-screen';
import { peerSessionsInput } from '@/components/console/users/users-query';
import { pageParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';
import { foundOr404 } from '../../../../../found-or-404';

type Props = { params: Promise<{ app: string; peer: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).peer) };
}

export default async function PeerPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const { app: rawApp, peer: rawPeer } = await params;
  const app = decodeURIComponent(rawApp);
  const peer = decodeURIComponent(rawPeer);
  const sessionsPage = pageParam((await searchParams).spage);
  const queryClient = getQueryClient();
  await Promise.all([
    foundOr404(queryClient.fetchQuery(trpc.peers.get.queryOptions({ app, peer }))),
    queryClient.prefetchQuery(trpc.peers.sessions.queryOptions(peerSessionsInput(app, peer, sessionsPage))),
  ]);
  return (
    <HydrateClient>
      <PeerScreen app={app} peer={peer} sessionsPage={sessionsPage} />
    </HydrateClient>
  );
}
