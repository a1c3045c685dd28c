// /console/apps/{app}/** — the app must belong to one of the user's organizations (else 404, whoever owns it).
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/console/apps/app-header';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

type Props = { children: ReactNode; params: Promise<{ app: string }> };

export default async function AppLayout({ children, params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  try {
    await getQueryClient().fetchQuery(trpc.apps.get.queryOptions({ id: app }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <AppHeader app={app} />
      {children}
    </HydrateClient>
  );
}
