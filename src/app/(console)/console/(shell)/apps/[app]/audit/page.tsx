// /console/apps/{app}/audit — security events; `?filter=app` keeps only this app's.
import type { Metadata } from 'next';
import { auditInput, nextAuditCursor } from '@/components/console/audit/audit-query';
import { AuditScreen } from '@/components/console/audit/audit-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<{ filter?: string | string[] }> };

export default async function AuditPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const onlyApp = (await searchParams).filter === 'app';
  await getQueryClient().prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditInput(app, onlyApp), { getNextPageParam: nextAuditCursor }));
  return (
    <HydrateClient>
      <AuditScreen app={app} onlyApp={onlyApp} />
    </HydrateClient>
  );
}
