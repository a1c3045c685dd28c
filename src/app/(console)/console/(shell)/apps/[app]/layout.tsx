// /console/apps/{app}/** — the app must belong to one of the user's organizations (else 404, whoever owns it).
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/console/apps/app-header';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';
import { foundOr404 } from '../../../found-or-404';

type Props = { children: ReactNode; params: Promise<{ app: string }> };

/** Every page of an app carries the app's name in its title ("Users · my-app · Rapport console"). */
export async function generateMetadata({ params }: { params: Promise<{ app: string }> }): Promise<Metadata> {
  const app = decodeURIComponent((await params).app);
  return { title: { template: `%s · ${app} · Rapport console`, default: app } };
}

export default async function AppLayout({ children, params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await foundOr404(getQueryClient().fetchQuery(trpc.apps.get.queryOptions({ id: app })));
  return (
    <HydrateClient>
      <AppHeader app={app} />
      {children}
    </HydrateClient>
  );
}
