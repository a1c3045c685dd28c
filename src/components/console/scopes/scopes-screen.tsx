'use client';
// The app's scopes: named sets of sessions that bound what is derived and recalled. Each row says how many sessions
// it holds and whether any are still being copied in or out (or failed), and opens the scope.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import { scopeHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { LayersIcon } from '../ui/icons';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { formatCount, tableClasses, tableFrame, tdClasses, theadClasses, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';

export function ScopesScreen({ app }: { app: string }) {
  const trpc = useTRPC();
  const scopes = useQuery(trpc.scopes.list.queryOptions({ app }));
  return (
    <section aria-labelledby="scopes-heading">
      <h2 id="scopes-heading" className="text-lg font-semibold text-stone-900">
        Scopes
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-stone-600">
        A scope is a named set of sessions. Reading through it (chat, representation, context, search) sees only what happened in those sessions. Your
        app creates scopes through the API; here you see them and choose their sessions.
      </p>
      <div className="mt-5">
        {scopes.isPending ? <SkeletonRows rows={3} label="Loading scopes" /> : null}
        {scopes.isError ? <ErrorState title="Could not load the scopes" message={errorMessage(scopes.error)} onRetry={() => void scopes.refetch()} /> : null}
        {scopes.data && scopes.data.length === 0 ? (
          <EmptyState icon={<LayersIcon className="size-5" />} title="No scopes yet" body="Create one with honcho.scope('therapy') or POST …/scopes, then add sessions to it here or through the API." />
        ) : null}
        {scopes.data && scopes.data.length > 0 ? (
          <div className={tableFrame}>
            <table className={tableClasses}>
              <caption className="sr-only">Scopes of this app</caption>
              <thead className={theadClasses}>
                <tr>
                  <Th>Scope</Th>
                  <Th align="right">Sessions</Th>
                  <Th>Backfill</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
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
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}
