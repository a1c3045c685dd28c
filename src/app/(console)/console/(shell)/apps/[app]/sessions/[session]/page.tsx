// /console/apps/{app}/sessions/{session} — one session: peers, summaries, messages (`?order=newest`, `?page=`).
import type { Metadata } from 'next';
import { SessionScreen } from '@/components/console/sessions/session-screen';
import { messagesInput, orderParam } from '@/components/console/sessions/sessions-query';
import { pageParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';
import { foundOr404 } from '../../../../../found-or-404';

type Props = { params: Promise<{ app: string; session: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).session) };
}

export default async function SessionPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const { app: rawApp, session: rawSession } = await params;
  const app = decodeURIComponent(rawApp);
  const session = decodeURIComponent(rawSession);
  const query = await searchParams;
  const view = { order: orderParam(query.order), page: pageParam(query.page) };
  const queryClient = getQueryClient();
  await Promise.all([
    foundOr404(queryClient.fetchQuery(trpc.sessions.get.queryOptions({ app, session }))),
    queryClient.prefetchQuery(trpc.sessions.messages.queryOptions(messagesInput(app, session, view))),
  ]);
  return (
    <HydrateClient>
      <SessionScreen app={app} session={session} view={view} />
    </HydrateClient>
  );
}
