'use client';
// One session: state and metadata, its peers with their observation settings, its summaries, and the message
// timeline; delete with confirmation.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { appHref, peerHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button, buttonClasses } from '../ui/button';
import { ChatIcon, TrashIcon } from '../ui/icons';
import { JsonBlock } from '../ui/json-block';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { Panel, tableClasses, tdClasses, theadClasses, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { DeleteSessionDialog } from './delete-session-dialog';
import { MessageTimeline } from './message-timeline';
import type { SessionView } from './sessions-query';

type Details = RouterOutputs['sessions']['get'];

export function SessionScreen({ app, session, view }: { app: string; session: string; view: SessionView }) {
  const trpc = useTRPC();
  const details = useQuery(trpc.sessions.get.queryOptions({ app, session }));
  const [deleting, setDeleting] = useState(false);

  if (details.isPending) return <SkeletonRows rows={4} label="Loading the session" />;
  if (details.isError) {
    if (details.error.data?.code === 'NOT_FOUND') {
      return (
        <EmptyState
          icon={<ChatIcon className="size-5" />}
          title="Session not found"
          body={`There is no session “${session}” in this app. It may have been deleted.`}
          action={
            <Link href={appHref(app, 'sessions')} className={buttonClasses('secondary')}>
              Back to sessions
            </Link>
          }
        />
      );
    }
    return <ErrorState title="Could not load this session" message={errorMessage(details.error)} onRetry={() => void details.refetch()} />;
  }
  const data = details.data;
  const currentMembers = data.peers.filter((p) => p.leftAt === null).length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-3 font-mono text-xl font-semibold text-stone-900">
            <span className="truncate">{data.id}</span>
            {data.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Created <Timestamp iso={data.createdAt} /> · {data.messageCount} messages · {currentMembers} current peer{currentMembers === 1 ? '' : 's'}
          </p>
        </div>
        <Button variant="dangerGhost" onClick={() => setDeleting(true)}>
          <TrashIcon /> Delete
        </Button>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SessionPeers app={app} peers={data.peers} />
        <Panel id="session-metadata-heading" title="Metadata">
          <JsonBlock value={data.metadata} label="Metadata" />
          {Object.keys(data.configuration).length > 0 ? (
            <div className="mt-4">
              <h3 className="mb-1.5 text-sm font-medium text-stone-800">Configuration</h3>
              <JsonBlock value={data.configuration} label="Configuration" />
            </div>
          ) : null}
        </Panel>
      </div>

      {data.summaries.length > 0 ? <SessionSummaries summaries={data.summaries} /> : null}

      <MessageTimeline app={app} session={session} view={view} />

      <DeleteSessionDialog app={app} session={session} messages={data.messageCount} peers={data.peers.length} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function Setting({ value, effective }: { value: boolean | null; effective: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge tone={effective ? 'accent' : 'neutral'}>{effective ? 'On' : 'Off'}</Badge>
      {value === null ? <span className="text-xs text-stone-500">inherited</span> : null}
    </span>
  );
}

function SessionPeers({ app, peers }: { app: string; peers: Details['peers'] }) {
  return (
    <Panel id="session-peers-heading" title="Peers" description="observe_me: Rapport derives facts about the peer here. observe_others: the peer forms its own view of the others.">
      {peers.length === 0 ? (
        <p className="text-sm text-stone-500">No peers have joined this session.</p>
      ) : (
        <div className="-mx-5 overflow-x-auto">
          <table className={tableClasses}>
            <caption className="sr-only">Peers of this session with their observation settings</caption>
            <thead className={theadClasses}>
              <tr>
                <Th>Peer</Th>
                <Th>observe_me</Th>
                <Th>observe_others</Th>
                <Th>Joined</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {peers.map((peer) => (
                <tr key={peer.id} className="text-stone-700">
                  <td className={tdClasses}>
                    <Link href={peerHref(app, peer.id)} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
                      {peer.id}
                    </Link>
                    {peer.leftAt ? <span className="ml-2 text-xs text-stone-500">left</span> : null}
                  </td>
                  <td className={tdClasses}>
                    <Setting value={peer.observeMe} effective={peer.effectiveObserveMe} />
                  </td>
                  <td className={tdClasses}>
                    <Setting value={peer.observeOthers} effective={peer.effectiveObserveOthers} />
                  </td>
                  <td className={`${tdClasses} whitespace-nowrap text-stone-500`}>
                    <Timestamp iso={peer.joinedAt} relative />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function SessionSummaries({ summaries }: { summaries: Details['summaries'] }) {
  return (
    <Panel id="session-summaries-heading" title="Summaries" description="Rolling summaries Rapport keeps for long conversations.">
      <div className="grid gap-4 md:grid-cols-2">
        {summaries.map((summary) => (
          <article key={summary.kind} aria-label={`${summary.kind} summary`} className="rounded-lg border border-stone-200 px-4 py-3">
            <header className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold capitalize text-stone-900">{summary.kind} summary</h3>
              <span className="flex items-center gap-2">
                {summary.stale ? <Badge tone="warning">Stale</Badge> : null}
                <span className="text-xs text-stone-500">
                  up to message {summary.lastSeq} · {summary.tokenCount} tokens
                </span>
              </span>
            </header>
            <p className="mt-2 whitespace-pre-wrap text-sm text-stone-800">{summary.content}</p>
            <p className="mt-2 text-xs text-stone-500">
              Written <Timestamp iso={summary.createdAt} relative />
              {summary.stale ? ' · a covered message was deleted; it is rewritten on the next summary run' : ''}
            </p>
          </article>
        ))}
      </div>
    </Panel>
  );
}
