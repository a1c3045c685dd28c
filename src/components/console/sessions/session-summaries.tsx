'use client';
// A session's rolling summaries, each folded under a line that says what it covers (kind, last message, tokens,
// freshness); unfolded, the text reads as prose at a comfortable measure. The short summary starts open.
import type { RouterOutputs } from '@/trpc/types';
import { Badge } from '../ui/badge';
import { ChevronIcon } from '../ui/icons';
import { Panel } from '../ui/table';
import { Timestamp } from '../ui/timestamp';

type Summary = RouterOutputs['sessions']['get']['summaries'][number];

export function SessionSummaries({ summaries }: { summaries: readonly Summary[] }) {
  return (
    <Panel id="session-summaries-heading" title="Summaries" description="Rolling summaries Rapport keeps for long conversations; the context endpoint returns one when it fits the budget.">
      <div className="space-y-3">
        {summaries.map((summary, i) => (
          <details key={summary.kind} open={i === 0} className="group rounded-lg border border-stone-200" aria-label={`${summary.kind} summary`}>
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 [&::-webkit-details-marker]:hidden">
              <ChevronIcon className="size-4 -rotate-90 text-stone-500 transition-transform group-open:rotate-0" />
              <span className="text-sm font-semibold capitalize text-stone-900">{summary.kind} summary</span>
              {summary.stale ? <Badge tone="warning">Stale</Badge> : null}
              <span className="text-xs text-stone-500">
                up to message {summary.lastSeq} · {summary.tokenCount} tokens · written <Timestamp iso={summary.createdAt} relative />
              </span>
            </summary>
            <div className="border-t border-stone-100 px-4 py-3">
              <p className="max-w-prose whitespace-pre-wrap text-[15px] leading-7 text-stone-800">{summary.content}</p>
              {summary.stale ? <p className="mt-2 text-xs text-stone-500">A covered message was deleted; it is rewritten on the next summary run.</p> : null}
            </div>
          </details>
        ))}
      </div>
    </Panel>
  );
}
