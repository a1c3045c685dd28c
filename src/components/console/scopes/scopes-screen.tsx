'use client';
// The app's scopes: named sets of sessions that bound what is derived and recalled. Each row says how many sessions
// it holds and whether any are still being copied in or out (or failed), and opens the scope.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import { scopeHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { LayersIcon } from '../ui/icons';
import { DataTable } from '../ui/data-table';
import { QueryStatus } from '../ui/query-status';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { formatCount, tdClasses } from '../ui/table';
import { Timestamp } from '../ui/timestamp';

export function ScopesScreen({ app }: { app: string }) {
  const trpc = useTRPC();
  const scopes = useQuery(trpc.scopes.list.queryOptions({ app }));
  return (
    <section aria-labelledby="scopes-heading">
      <ScreenHeader
        id="scopes-heading"
        title="Scopes"
        description="A scope is a named set of sessions. Reading through it (chat, representation, context, search) sees only what happened in those sessions. Your app creates scopes through the API; here you see them and choose their sessions."
      />
      <div className="mt-5">
        <QueryStatus query={scopes} loading="Loading scopes" rows={3} errorTitle="Could not load the scopes" />
        {scopes.data && scopes.data.length === 0 ? (
          <EmptyState icon={<LayersIcon className="size-5" />} title="No scopes yet" body="Create one with honcho.scope('therapy') or POST …/scopes, then add sessions to it here or through the API." />
        ) : null}
        {scopes.data && scopes.data.length > 0 ? (
          <DataTable caption="Scopes of this app" columns={['Scope', { label: 'Sessions', align: 'right' }, 'Backfill', 'Created']}>
            {scopes.data.map((scope) => (
              <tr key={scope.id} className="text-stone-700">
                <td className={tdClasses}>
                  <Link href={scopeHref(app, scope.id)} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
                    {scope.id}
                  </Link>
                </td>
                <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(scope.sessionCount)}</td>
                <td className={tdClasses}>
                  <span className="flex flex-wrap gap-1.5">
                    {scope.pending > 0 ? <Badge tone="warning">{scope.pending} pending</Badge> : null}
                    {scope.failed > 0 ? <Badge tone="danger">{scope.failed} failed</Badge> : null}
                    {scope.pending === 0 && scope.failed === 0 ? <Badge tone="success">Up to date</Badge> : null}
                  </span>
                </td>
                <td className={`${tdClasses} whitespace-nowrap`}>
                  <Timestamp iso={scope.createdAt} relative />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </div>
    </section>
  );
}
