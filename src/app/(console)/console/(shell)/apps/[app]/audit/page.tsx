// /console/apps/{app}/audit — security events; `?filter=app` keeps only this app's.
import type { Metadata } from 'next';
import { auditInput, nextAuditCursor } from '@/components/console/audit/audit-query';
import { AuditScreen } from '@/components/console/audit/audit-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Audit log' };

export default appScreenPage({
  view: (query) => query.filter === 'app',
  prefetch: (queryClient, app, onlyApp) => queryClient.prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditInput(app, onlyApp), { getNextPageParam: nextAuditCursor })),
  screen: (app, onlyApp) => <AuditScreen app={app} onlyApp={onlyApp} />,
});
