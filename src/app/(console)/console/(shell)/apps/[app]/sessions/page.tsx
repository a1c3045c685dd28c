// /console/apps/{app}/sessions — the app's sessions; `?state=active|inactive`, `?peer=`, `?q=`, `?page=`.
import type { Metadata } from 'next';
import { SessionsScreen } from '@/components/console/sessions/sessions-screen';
import { sessionsInput, stateParam } from '@/components/console/sessions/sessions-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Sessions' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SessionsPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const query = await searchParams;
  const view = { q: textParam(query.q).trim(), peer: textParam(query.peer).trim(), state: stateParam(query.state), page: pageParam(query.page) };
  await getQueryClient().prefetchQuery(trpc.sessions.list.queryOptions(sessionsInput(app, view)));
  return (
    <HydrateClient>
      <SessionsScreen app={app} view={view} />
    </HydrateClient>
  );
}
