// /console/apps/{app}/facts — the app's conclusions; `?observer=`, `?observed=`, `?level=`, `?scope=`, `?page=`.
import type { Metadata } from 'next';
import { FactsScreen } from '@/components/console/facts/facts-screen';
import { factsInput, levelParam } from '@/components/console/facts/facts-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Facts' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FactsPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const query = await searchParams;
  const view = {
    observer: textParam(query.observer).trim(),
    observed: textParam(query.observed).trim(),
    level: levelParam(query.level),
    page: pageParam(query.page),
    scope: textParam(query.scope).trim(),
  };
  await getQueryClient().prefetchQuery(trpc.facts.list.queryOptions(factsInput(app, view)));
  return (
    <HydrateClient>
      <FactsScreen app={app} view={view} />
    </HydrateClient>
  );
}
