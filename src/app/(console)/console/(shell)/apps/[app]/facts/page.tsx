// /console/apps/{app}/facts — the app's conclusions; `?observer=`, `?observed=`, `?level=`, `?scope=`, `?page=`.
import type { Metadata } from 'next';
import { FactsScreen } from '@/components/console/facts/facts-screen';
import { factsInput, levelParam } from '@/components/console/facts/facts-query';
import { pageParam, textParam } from '@/components/console/ui/query-string';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Facts' };

export default appScreenPage({
  view: (query) => ({
    observer: textParam(query.observer).trim(),
    observed: textParam(query.observed).trim(),
    level: levelParam(query.level),
    page: pageParam(query.page),
    scope: textParam(query.scope).trim(),
  }),
  prefetch: (queryClient, app, view) => queryClient.prefetchQuery(trpc.facts.list.queryOptions(factsInput(app, view))),
  screen: (app, view) => <FactsScreen app={app} view={view} />,
});
