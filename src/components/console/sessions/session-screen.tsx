'use client';
// One session: state and metadata, its peers with their observation settings, its summaries (folded), a preview of
// what the context endpoint returns, and the message timeline; delete with confirmation.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { appHref, peerHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ChatIcon, TrashIcon } from '../ui/icons';
import { JsonBlock } from '../ui/json-block';
import { DetailFallback } from '../ui/detail-fallback';
import { DetailHeader } from '../ui/detail-header';
import { Panel, tableClasses, tdClasses, theadClasses, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { DeleteSessionDialog } from './delete-session-dialog';
import { ContextPreview } from './context-preview';
import { MessageTimeline } from './message-timeline';
import { SessionSummaries } from './session-summaries';
import type { SessionView } from './sessions-query';

type Details = RouterOutputs['sessions']['get'];

export function SessionScreen({ app, session, view }: { app: string; session: string; view: SessionView }) {
  const trpc = useTRPC();
  const details = useQuery(trpc.sessions.get.queryOptions({ app, session }));
  const [deleting, setDeleting] = useState(false);

  if (details.isPending || details.isError) {
    return (
      <DetailFallback
        query={details}
        loading="Loading the session"
        errorTitle="Could not load this session"
        notFound={{ icon: <ChatIcon className="size-5" />, title: 'Session not found', body: `There is no session “${session}” in this app. It may have been deleted.`, backHref: appHref(app, 'sessions'), backLabel: 'Back to sessions' }}
      />
    );
  }
  const data = details.data;
  const currentMembers = data.peers.filter((p) => p.leftAt === null).length;
  const speakers = data.peers.map((p) => p.id);

  return (
    <div className="space-y-6">
      <DetailHeader
        id={data.id}
        tag={data.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
        summary={
          <>
            Created <Timestamp iso={data.createdAt} /> · {data.messageCount} messages · {currentMembers} current peer{currentMembers === 1 ? '' : 's'}
          </>
        }
        actions={
          <Button variant="dangerGhost" onClick={() => setDeleting(true)}>
            <TrashIcon /> Delete
          </Button>
        }
      />

      {/* Side by side only where the peers table fits whole (at 1024 wide it would scroll): otherwise stacked. */}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
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

      <ContextPreview app={app} session={session} peers={speakers} />

      <MessageTimeline app={app} session={session} view={view} speakers={speakers} />

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
