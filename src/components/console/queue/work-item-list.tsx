'use client';
// Work items as the operator needs them: what (kind, unit), about whom (session, author, observers), how it went
// (status, attempts, times) and, for failures, the whole error text — plus retry for failed items.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { peerHref, sessionHref } from '../shell/app-paths';
import { Badge, type BadgeTone } from '../ui/badge';
import { Button } from '../ui/button';
import { CopyIdButton } from '../ui/copy-id-button';
import { Timestamp } from '../ui/timestamp';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';
import { formatDuration, groupByUnit, itemDurations, KIND_LABELS } from './describe-work-item';

type WorkItem = RouterOutputs['queue']['list']['items'][number];

const TONES: Record<WorkItem['status'], BadgeTone> = { pending: 'neutral', in_progress: 'accent', completed: 'success', failed: 'danger' };
const LABELS: Record<WorkItem['status'], string> = { pending: 'Pending', in_progress: 'In progress', completed: 'Completed', failed: 'Failed' };

export { KIND_LABELS };


export function WorkItemList({ app, items }: { app: string; items: WorkItem[] }) {
  return (
    <ul aria-label="Work items" className="space-y-4">
      {groupByUnit(items).map((group, i) => (
        <li key={`${group.unitKey}-${i}`}>
          <h4 className="mb-1.5 flex flex-wrap items-baseline gap-2 text-sm font-medium text-stone-800">
            {group.label}
            {group.items.length > 1 ? <span className="text-xs font-normal text-stone-500">{group.items.length} items</span> : null}
          </h4>
          <ul aria-label={group.label} className="space-y-2">
            {group.items.map((item) => (
              <WorkItemRow key={item.id} app={app} item={item} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function WorkItemRow({ app, item }: { app: string; item: WorkItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const retry = useMutation(trpc.queue.retry.mutationOptions());

  async function onRetry() {
    try {
      await retry.mutateAsync({ app, id: item.id });
      await queryClient.invalidateQueries(trpc.queue.pathFilter());
      toast.show(`Item ${item.id} is queued again`);
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  }

  const { waited, ran } = itemDurations(item);
  return (
    <li aria-label={`${KIND_LABELS[item.kind] ?? item.kind} work item ${item.id}, ${LABELS[item.status]}`} className="rounded-xl border border-stone-200 bg-white px-4 py-3 text-sm shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={TONES[item.status]}>{LABELS[item.status]}</Badge>
          <span className="font-medium text-stone-900">{KIND_LABELS[item.kind] ?? item.kind}</span>
          <span className="font-mono text-xs text-stone-500">#{item.id}</span>
          <CopyIdButton value={item.id} label={`Copy the id of work item ${item.id}`} />
        </div>
        {item.status === 'failed' ? (
          <Button size="sm" variant="secondary" pending={retry.isPending} onClick={() => void onRetry()}>
            Retry
          </Button>
        ) : null}
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-xs text-stone-600 sm:grid-cols-2">
        <div className="flex gap-1.5">
          <dt className="text-stone-500">Unit key</dt>
          <dd className="min-w-0 truncate font-mono" title={item.unitKey}>{item.unitKey}</dd>
        </div>
        {item.session ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Session</dt>
            <dd><Link href={sessionHref(app, item.session)} className="font-mono text-accent-700 hover:underline">{item.session}</Link></dd>
          </div>
        ) : null}
        {item.sender ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">{item.kind === 'dream' ? 'About' : 'Author'}</dt>
            <dd><Link href={peerHref(app, item.sender)} className="font-mono text-accent-700 hover:underline">{item.sender}</Link></dd>
          </div>
        ) : null}
        {item.observers.length > 0 ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Observers</dt>
            <dd className="font-mono">{item.observers.join(', ')}</dd>
          </div>
        ) : null}
        <div className="flex gap-1.5">
          <dt className="text-stone-500">Attempts</dt>
          <dd className="tabular-nums">{item.attempts} of {item.maxAttempts}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-stone-500">Queued</dt>
          <dd><Timestamp iso={item.createdAt} relative /></dd>
        </div>
        {item.startedAt ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Started</dt>
            <dd><Timestamp iso={item.startedAt} relative /></dd>
          </div>
        ) : null}
        {waited !== null ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Waited</dt>
            <dd className="tabular-nums">{formatDuration(waited)}</dd>
          </div>
        ) : null}
        {ran !== null ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Ran for</dt>
            <dd className="tabular-nums">{formatDuration(ran)}</dd>
          </div>
        ) : null}
        {item.finishedAt ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Finished</dt>
            <dd><Timestamp iso={item.finishedAt} relative /></dd>
          </div>
        ) : item.status === 'pending' ? (
          <div className="flex gap-1.5">
            <dt className="text-stone-500">Due</dt>
            <dd><Timestamp iso={item.availableAt} relative /></dd>
          </div>
        ) : null}
      </dl>
      {item.lastError ? (
        <div className="mt-2">
          <p className="text-xs font-medium text-red-700">{item.status === 'failed' ? 'Error' : 'Last error (will retry)'}</p>
          <pre aria-label={`Error of item ${item.id}`} tabIndex={0} className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-md bg-red-50 px-3 py-2 font-mono text-xs text-red-800">
            {item.lastError}
          </pre>
        </div>
      ) : null}
    </li>
  );
}
