import 'server-only';
// The page of one app's console screen (/console/apps/{app}/…): every such page checks the sign-in, decodes the app
// id, reads its view from the query string, prefetches what the screen asks for first and hands that data to the
// client screen (docs/architecture.md#add-a-console-procedure), so each page only says what differs.
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getQueryClient, HydrateClient, requireConsoleUser } from '@/trpc/server';

export type SearchParams = Record<string, string | string[] | undefined>;

export type AppPageProps = { params: Promise<{ app: string }>; searchParams: Promise<SearchParams> };

type AppScreen<V> = {
  /** The screen's view (filters, page) from the query string. */
  view: (query: SearchParams) => V;
  /** The queries the screen renders first; without them the screen loads its data in the browser. */
  prefetch?: (queryClient: QueryClient, app: string, view: V) => Promise<unknown>;
  screen: (app: string, view: V) => ReactNode | Promise<ReactNode>;
};

/** A screen that reads nothing from the query string. */
export const noView = (): null => null;

export function appScreenPage<V>({ view: viewOf, prefetch, screen }: AppScreen<V>) {
  return async function AppScreenPage({ params, searchParams }: AppPageProps) {
    await requireConsoleUser();
    const app = decodeURIComponent((await params).app);
    const view = viewOf(await searchParams);
    if (!prefetch) return screen(app, view);
    await prefetch(getQueryClient(), app, view);
    return <HydrateClient>{await screen(app, view)}</HydrateClient>;
  };
}
