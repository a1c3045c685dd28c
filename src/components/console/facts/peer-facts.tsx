'use client';
// The peer page's memory: the facts held about this peer (by itself or by others), grouped by level with their
// provenance, and the representation preview. Derivation runs in the background, so the list polls briefly while
// the peer has none yet.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { withQuery } from '../ui/query-string';
import { ErrorState, SkeletonRows } from '../ui/states';
import { formatCount, Panel } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';
import { FactGroups } from './fact-groups';
import { factsInput } from './facts-query';
import { RepresentationPreview } from './representation-preview';

const POLL_MS = 3_000;

export function PeerFacts({ app, peer }: { app: string; peer: string }) {
  const trpc = useTRPC();
  const facts = useQuery({
    ...trpc.facts.list.queryOptions(factsInput(app, { observer: '', observed: peer, level: null, page: 1 })),
    refetchInterval: (query) => (query.state.data && query.state.data.total === 0 ? POLL_MS : false),
  });
  const allHref = withQuery(appHref(app, 'facts'), { observed: peer });
  const data = facts.data;
  const queryClient = useQueryClient();
  const total = data?.total;
  // The representation is built from these facts: when new ones arrive, the preview is out of date.
  useEffect(() => {
    if (total) void queryClient.invalidateQueries(trpc.facts.representation.pathFilter());
  }, [total, queryClient, trpc]);
  return (
    <>
      <Panel
        id="peer-facts-heading"
        title="Facts"
        description={`What Rapport concluded about ${peer}, with the messages each fact came from.`}
        actions={
          data && data.total > data.items.length ? (
            <Link href={allHref} className="text-sm font-medium text-accent-700 hover:underline">
              All {formatCount(data.total)} facts →
            </Link>
          ) : undefined
        }
      >
        {facts.isPending ? <SkeletonRows rows={2} label="Loading facts" /> : null}
        {facts.isError ? <ErrorState title="Could not load the facts" message={errorMessage(facts.error)} onRetry={() => void facts.refetch()} /> : null}
        {data && data.total === 0 ? (
          <p className="text-sm text-stone-500">No facts yet. They appear a few seconds after {peer} writes about themselves.</p>
        ) : null}
        {data && data.items.length > 0 ? <FactGroups app={app} facts={data.items} /> : null}
      </Panel>
      <RepresentationPreview app={app} peer={peer} />
    </>
  );
}
