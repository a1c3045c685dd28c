'use client';
// The audit log: sign-ins, key changes, app changes and bursts of failed API authentication, newest first.
// `?filter=app` narrows it to the current app; the URL can be shared.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { ListIcon } from '../ui/icons';
import { DataTable } from '../ui/data-table';
import { QueryStatus } from '../ui/query-status';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { TabLink, TabLinks } from '../ui/tab-links';
import { Timestamp } from '../ui/timestamp';
import { auditInput, nextAuditCursor } from './audit-query';
import { describeEvent, type EventTone } from './describe-event';

const dot: Record<EventTone, string> = {
  neutral: 'bg-stone-400',
  success: 'bg-emerald-500',
  warning: 'bg-amber-500',
  danger: 'bg-red-500',
};

export function AuditScreen({ app, onlyApp }: { app: string; onlyApp: boolean }) {
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(auditInput(app, onlyApp), { getNextPageParam: nextAuditCursor }),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="audit-heading">
      <ScreenHeader
        id="audit-heading"
        title="Audit log"
        description="Security events: sign-ins, API key changes and repeated authentication failures."
        actions={
          <TabLinks label="Audit filter" wrap={false}>
            <TabLink href={`${appHref(app, 'audit')}`} current={!onlyApp}>
              Everything
            </TabLink>
            <TabLink href={`${appHref(app, 'audit')}?filter=app`} current={onlyApp}>
              This app only
            </TabLink>
          </TabLinks>
        }
      />

      <div className="mt-6">
        <QueryStatus query={events} loading="Loading the audit log" rows={5} errorTitle="Could not load the audit log" />
        {events.isSuccess && items.length === 0 ? <EmptyState icon={<ListIcon className="size-5" />} title="No events yet" body="Sign-ins and key changes will appear here." /> : null}
        {items.length > 0 ? (
          // Fits the 702 px a 1024 wide window leaves: time and ids wrap rather than push the last columns out of view.
          <DataTable caption="Audit events, newest first" className="min-w-[40rem]" columns={['Time', 'Event', 'Account or key', 'App', 'Address']}>
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
          </DataTable>
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
