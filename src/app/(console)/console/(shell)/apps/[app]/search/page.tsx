// /console/apps/{app}/search — `?q=`, `?kind=conclusions`, `?peer=`, `?session=`, `?page=`.
import type { Metadata } from 'next';
import { SearchScreen } from '@/components/console/search/search-screen';
import { kindParam, searchRunInput } from '@/components/console/search/search-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Search' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const query = await searchParams;
  const view = { q: textParam(query.q).trim(), kind: kindParam(query.kind), peer: textParam(query.peer).trim(), session: textParam(query.session).trim(), page: pageParam(query.page) };
  if (view.q) await getQueryClient().prefetchQuery(trpc.search.run.queryOptions(searchRunInput(app, view)));
  return (
    <HydrateClient>
      <SearchScreen app={app} view={view} />
    </HydrateClient>
  );
}
