'use client';
// One user (peer): its details, its card, its sessions; export and delete. The page is a column of independent
// sections so more can be slotted in (see the marked place below) without touching the others.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { PeerFacts } from '../facts/peer-facts';
import { appHref } from '../shell/app-paths';
import { SessionsTable } from '../sessions/sessions-table';
import { Button } from '../ui/button';
import { JsonBlock } from '../ui/json-block';
import { TrashIcon, UsersIcon } from '../ui/icons';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { DetailFallback } from '../ui/detail-fallback';
import { DetailHeader } from '../ui/detail-header';
import { formatCount, Panel } from '../ui/table';
import { CopyIdButton } from '../ui/copy-id-button';
import { Timestamp } from '../ui/timestamp';
import { DeletePeerDialog } from './delete-peer-dialog';
import { ExportPeerButton } from './export-peer-button';
import { PeerCardEditor } from './peer-card-editor';
import { peerSessionsInput } from './users-query';

export function PeerScreen({ app, peer, sessionsPage }: { app: string; peer: string; sessionsPage: number }) {
  const trpc = useTRPC();
  const details = useQuery(trpc.peers.get.queryOptions({ app, peer }));
  const [deleting, setDeleting] = useState(false);

  if (details.isPending || details.isError) {
    return (
      <DetailFallback
        query={details}
        loading="Loading the user"
        errorTitle="Could not load this user"
        notFound={{ icon: <UsersIcon className="size-5" />, title: 'User not found', body: `There is no user “${peer}” in this app. It may have been deleted.`, backHref: appHref(app, 'users'), backLabel: 'Back to users' }}
      />
    );
  }
  const data = details.data;

  return (
    <div className="space-y-6">
      <DetailHeader
        id={data.id}
        tag={<CopyIdButton value={data.id} label={`Copy user id ${data.id}`} />}
        tagKind="button"
        summary={
          <>
            Added <Timestamp iso={data.createdAt} /> · last active <Timestamp iso={data.lastActiveAt} relative /> · {formatCount(data.footprint.messages)} message{data.footprint.messages === 1 ? '' : 's'} in{' '}
            {formatCount(data.footprint.memberships)} session{data.footprint.memberships === 1 ? '' : 's'}
          </>
        }
        actions={
          <div className="flex items-center gap-2">
            <ExportPeerButton app={app} peer={peer} />
            <Button variant="dangerGhost" onClick={() => setDeleting(true)}>
              <TrashIcon /> Delete
            </Button>
          </div>
        }
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="peer-metadata-heading" title="Metadata" description="Set by your code through the API.">
          <JsonBlock value={data.metadata} label="Metadata" />
        </Panel>
        <Panel id="peer-config-heading" title="Configuration" description="observe_me decides whether Rapport derives facts about this user.">
          <JsonBlock value={data.configuration} label="Configuration" />
        </Panel>
      </div>

      <PeerCardEditor app={app} peer={peer} card={data.card} updatedAt={data.cardUpdatedAt} />

      <PeerFacts app={app} peer={peer} />

      <PeerSessions app={app} peer={peer} page={sessionsPage} />

      <DeletePeerDialog app={app} peer={peer} footprint={data.footprint} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function PeerSessions({ app, peer, page }: { app: string; peer: string; page: number }) {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.peers.sessions.queryOptions(peerSessionsInput(app, peer, page)));
  const base = `${appHref(app, 'users')}/${encodeURIComponent(peer)}`;
  return (
    <Panel id="peer-sessions-heading" title="Sessions" description={`Sessions ${peer} is or was a member of.`}>
      <PagedList
        query={sessions}
        loading="Loading sessions"
        rows={2}
        errorTitle="Could not load the sessions"
        empty={<p className="text-sm text-stone-500">Not a member of any session.</p>}
        pagesLabel="Sessions pages"
        href={(p) => withQuery(base, { spage: p }, { spage: 1 })}
      >
        {(rows) => <SessionsTable app={app} rows={rows} caption={`Sessions of ${peer}`} />}
      </PagedList>
    </Panel>
  );
}
