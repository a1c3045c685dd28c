// /console/apps/{app}/search — `?q=`, `?kind=conclusions`, `?peer=`, `?session=`, `?page=`.
import type { Metadata } from 'next';
import { SearchScreen } from '@/components/console/search/search-screen';
import { kindParam, searchRunInput } from '@/components/console/search/search-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Search' };

export default appScreenPage({
  view: (query) => ({ q: textParam(query.q).trim(), kind: kindParam(query.kind), peer: textParam(query.peer).trim(), session: textParam(query.session).trim(), page: pageParam(query.page) }),
  prefetch: async (queryClient, app, view) => {
    if (view.q) await queryClient.prefetchQuery(trpc.search.run.queryOptions(searchRunInput(app, view)));
  },
  screen: (app, view) => <SearchScreen app={app} view={view} />,
});
