'use client';
// An app's background work: how much is pending, running, done and failed; the items themselves by status and kind
// (a failed item shows its whole error and can be retried); and a form to schedule a dream. While the tab is visible
// the page refreshes itself, so work can be watched as it drains.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { QUEUE_KINDS, QUEUE_STATUSES, type QueueStatusFilter } from '@/contracts/console-memory';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { QueueIcon } from '../ui/icons';
import { inputClasses } from '../ui/field';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { formatCount } from '../ui/table';
import { TabLink, TabLinks } from '../ui/tab-links';
import { queueInput, type QueueKindFilter, type QueueView } from './queue-query';
import { ScheduleDreamForm } from './schedule-dream-form';
import { KIND_LABELS, WorkItemList } from './work-item-list';

/** Refresh period while visible; TanStack Query pauses interval refetches in background tabs. */
const REFRESH_MS = 3_000;

export const STATUS_LABELS: Record<QueueStatusFilter, string> = { pending: 'Pending', in_progress: 'In progress', completed: 'Completed', failed: 'Failed' };
const COUNT_KEYS = {
  pending: 'pending_work_units',
  in_progress: 'in_progress_work_units',
  completed: 'completed_work_units',
  failed: 'failed_work_units',
} as const;

export function QueueScreen({ app, view }: { app: string; view: QueueView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const status = useQuery({ ...trpc.queue.status.queryOptions({ app }), refetchInterval: REFRESH_MS });
  const items = useQuery({ ...trpc.queue.list.queryOptions(queueInput(app, view)), refetchInterval: REFRESH_MS });
  const base = appHref(app, 'queue');
  const url = (next: Partial<QueueView>) => withQuery(base, { ...view, page: 1, ...next }, { page: 1 });
  const counts = status.data?.counts;

  return (
    <section aria-labelledby="queue-heading" className="space-y-6">
      <ScreenHeader
        id="queue-heading"
        title="Queue"
        description={
          <>
            Background work Rapport does for this app. The queue counts reasoning work — deriving facts, summarising sessions and dreaming — the same way
            here, on the overview and in the API&apos;s queue status. Housekeeping (embedding messages for search, webhook deliveries, cleanup, scope
            backfills) runs beside it and is listed apart. Refreshes every few seconds.
          </>
        }
      />

      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-stone-500">Reasoning work (derivation, summaries, dreams)</h3>
        <dl className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
          {QUEUE_STATUSES.map((s) => (
            <div key={s} className="rounded-xl border border-stone-200 bg-white px-4 py-3 shadow-xs">
              <dt className="text-sm text-stone-600">{STATUS_LABELS[s]}</dt>
              <dd className={`mt-1 text-2xl font-semibold tabular-nums ${s === 'failed' && counts && counts.failed_work_units > 0 ? 'text-red-700' : 'text-stone-900'}`}>
                {counts ? formatCount(counts[COUNT_KEYS[s]]) : '—'}
              </dd>
            </div>
          ))}
        </dl>
        {status.data ? (
          <p className="mt-2 text-xs text-stone-600">
            Not counted: <span className="tabular-nums">{formatCount(status.data.housekeeping.pending + status.data.housekeeping.in_progress)}</span> housekeeping items waiting or
            running, <span className="tabular-nums">{formatCount(status.data.housekeeping.completed)}</span> done,{' '}
            <span className="tabular-nums">{formatCount(status.data.housekeeping.failed)}</span> failed.{' '}
            <Link href={url({ kind: 'housekeeping' })} className="font-medium text-accent-700 hover:underline">
              Show housekeeping
            </Link>
          </p>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <TabLinks label="Work status">
              <TabLink href={url({ status: null })} current={view.status === null}>
                All
              </TabLink>
              {QUEUE_STATUSES.map((s) => (
                <TabLink key={s} href={url({ status: s })} current={view.status === s}>
                  {STATUS_LABELS[s]}
                </TabLink>
              ))}
            </TabLinks>
            <div>
              <label htmlFor="queue-kind" className="block text-xs font-medium text-stone-600">
                Kind
              </label>
              <select
                id="queue-kind"
                value={view.kind ?? ''}
                onChange={(e) => router.push(url({ kind: (e.target.value || null) as QueueKindFilter | null }))}
                className={`mt-1 w-56 ${inputClasses}`}
              >
                <option value="">Reasoning work (counted)</option>
                <option value="housekeeping">Housekeeping (not counted)</option>
                <option value="all">Everything</option>
                <optgroup label="One kind">
                  {QUEUE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </optgroup>
              </select>
            </div>
          </div>
          <div className="mt-4">
            <PagedList
              query={items}
              loading="Loading work items"
              rows={4}
              errorTitle="Could not load the queue"
              empty={
                <EmptyState
                  icon={<QueueIcon className="size-5" />}
                  title={view.status || view.kind ? 'No work item matches these filters' : 'Nothing queued yet'}
                  body="Work appears when your app writes messages, and finished items are kept for a while."
                />
              }
              pagesLabel="Work item pages"
              href={(page) => withQuery(base, { ...view, page }, { page: 1 })}
            >
              {(list) => <WorkItemList app={app} items={list} />}
            </PagedList>
          </div>
        </div>
        <ScheduleDreamForm app={app} enabled={status.data?.dreamsEnabled ?? true} />
      </div>
    </section>
  );
}
