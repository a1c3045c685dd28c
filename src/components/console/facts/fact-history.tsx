'use client';
// A fact's history as a timeline: when it (and each fact in its chain) was derived, written or edited in, reinforced,
// superseded, and — when on record — deleted. Facts of the chain other than this one link to their place on the page.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Badge } from '../ui/badge';
import { ErrorState, SkeletonRows } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';

type HistoryEvent = RouterOutputs['facts']['history']['events'][number];

const LABELS: Record<HistoryEvent['kind'], { text: string; tone: 'neutral' | 'accent' | 'warning' | 'danger' | 'success' }> = {
  derived: { text: 'Derived', tone: 'accent' },
  written: { text: 'Written', tone: 'accent' },
  edited: { text: 'Edited', tone: 'accent' },
  reinforced: { text: 'Reinforced', tone: 'success' },
  superseded: { text: 'Superseded', tone: 'warning' },
  deleted: { text: 'Deleted', tone: 'danger' },
};

export function FactHistory({ app, factId }: { app: string; factId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.facts.history.queryOptions({ app, id: factId }));
  return (
    <div id={`fact-history-${factId}`} className="mt-3 border-t border-stone-100 pt-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">History</h4>
      {history.isPending ? <SkeletonRows rows={2} label="Loading the history" /> : null}
      {history.isError ? <ErrorState title="Could not load the history" message={errorMessage(history.error)} onRetry={() => void history.refetch()} /> : null}
      {history.data ? (
        <ol aria-label="Fact history" className="mt-2 space-y-2 border-l-2 border-stone-200 pl-4">
          {history.data.events.map((event, i) => (
            <li key={i} data-event={event.kind} className="text-sm">
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={LABELS[event.kind].tone}>{LABELS[event.kind].text}</Badge>
                <span className="text-xs text-stone-500">
                  <Timestamp iso={event.at} />
                </span>
                {event.fact !== factId ? <span className="font-mono text-[11px] text-stone-500">{event.fact}</span> : <span className="text-xs text-stone-500">this fact</span>}
              </span>
              <p className="mt-0.5 break-words text-stone-800">{describe(event, factId)}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function describe(event: HistoryEvent, factId: string): string {
  switch (event.kind) {
    case 'derived':
      return `“${event.content}” (${event.level}), derived from the conversation`;
    case 'written':
      return `“${event.content}” (${event.level}), written through the API`;
    case 'edited':
      return `“${event.content}”, edited in the console, replacing ${event.replaced}`;
    case 'reinforced':
      return `Derived again ${event.times} more time${event.times === 1 ? '' : 's'} (dated by the latest source message)`;
    case 'superseded':
      if (!event.by) return 'No longer true (nothing replaced it)';
      if (event.by === factId) return 'Replaced by this fact';
      return event.byExists ? `Replaced by ${event.by}` : `Replaced by ${event.by}, which no longer exists`;
    case 'deleted':
      return event.by ? `Deleted by ${event.by}` : 'Deleted';
  }
}
