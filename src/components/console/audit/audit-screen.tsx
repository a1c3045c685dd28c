'use client';
// The audit log: sign-ins, key changes, app changes and bursts of failed API authentication, newest first.
// `?filter=app` narrows it to the current app; the URL can be shared.
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { ListIcon } from '../ui/icons';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { auditInput, nextAuditCursor } from './audit-query';
import { describeEvent, type EventTone } from './describe-event';

const dot: Record<EventTone, string> = {
  neutral: 'bg-stone-400',
  success: 'bg-emerald-500',
  warning: 'bg-amber-500',
  danger: 'bg-red-500',
};

const tab =
  'rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs';

export function AuditScreen({ app, onlyApp }: { app: string; onlyApp: boolean }) {
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(auditInput(app, onlyApp), { getNextPageParam: nextAuditCursor }),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="audit-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="audit-heading" className="text-lg font-semibold text-stone-900">
            Audit log
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">Security events: sign-ins, API key changes and repeated authentication failures.</p>
        </div>
        <nav aria-label="Audit filter" className="flex rounded-lg bg-stone-100 p-1">
          <Link href={`${appHref(app, 'audit')}`} aria-current={!onlyApp ? 'page' : undefined} className={tab}>
            Everything
          </Link>
          <Link href={`${appHref(app, 'audit')}?filter=app`} aria-current={onlyApp ? 'page' : undefined} className={tab}>
            This app only
          </Link>
        </nav>
      </div>

      <div className="mt-6">
        {events.isPending ? <SkeletonRows rows={5} label="Loading the audit log" /> : null}
        {events.isError ? <ErrorState title="Could not load the audit log" message={errorMessage(events.error)} onRetry={() => void events.refetch()} /> : null}
        {events.isSuccess && items.length === 0 ? <EmptyState icon={<ListIcon className="size-5" />} title="No events yet" body="Sign-ins and key changes will appear here." /> : null}
        {items.length > 0 ? (
          <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-xs">
            {/* Fits the 702 px a 1024 wide window leaves: time and ids wrap rather than push the last columns out of view. */}
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Time</th>
                  <th scope="col" className="px-4 py-2.5">Event</th>
                  <th scope="col" className="px-4 py-2.5">Account or key</th>
                  <th scope="col" className="px-4 py-2.5">App</th>
                  <th scope="col" className="px-4 py-2.5">Address</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {items.map((entry) => {
                  const text = describeEvent(entry);
                  return (
                    <tr key={entry.id} className="align-top text-stone-700">
                      <td className="px-4 py-3 text-stone-500">
                        <Timestamp iso={entry.createdAt} />
                      </td>
                      <td className="px-4 py-3">
                        <span className="flex items-center gap-2 font-medium text-stone-900">
                          <span aria-hidden className={`size-2 shrink-0 rounded-full ${dot[text.tone]}`} />
                          {text.title}
                        </span>
                        {text.detail ? <span className="mt-0.5 block pl-4 text-xs text-stone-500 [overflow-wrap:anywhere]">{text.detail}</span> : null}
                      </td>
                      <td className="max-w-48 truncate whitespace-nowrap px-4 py-3" title={entry.actorEmail ?? undefined}>
                        {entry.actorEmail ?? (entry.keyPrefix ? <code className="font-mono text-xs">{entry.keyPrefix}…</code> : <span className="text-stone-400">—</span>)}
                      </td>
                      <td className="px-4 py-3">{entry.app ? <code className="font-mono text-xs [overflow-wrap:anywhere]">{entry.app}</code> : <span className="text-stone-400">—</span>}</td>
                      <td className="px-4 py-3 font-mono text-xs text-stone-500">{entry.ip ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {events.hasNextPage ? (
          <div className="mt-4 flex justify-center">
            <Button variant="secondary" onClick={() => void events.fetchNextPage()} pending={events.isFetchingNextPage}>
              Load older events
            </Button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
