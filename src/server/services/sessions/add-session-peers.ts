import 'server-only';
// POST …/sessions/{sess}/peers (docs/api.md#s3-5): get-or-creates the workspace, the session (404 while its
// deletion is pending) and the peers, and joins them. Active members keep their stored config; members who left
// rejoin with the given one. 400 past the observer limit, 422 for scope peers; either way nothing is written.
import type { SessionPeersMap, SessionWire } from '@/contracts/sessions';
import { sessionToWire } from '../wire-format';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { ensureSession } from './ensure-session';
import { assertObserverLimit, joinSessionPeers, peerJoins } from './session-memberships';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function addSessionPeers(workspaceName: string, sessionName: string, peers: SessionPeersMap): Promise<SessionWire> {
  return inSessionTransaction(async (tx) => {
    const { workspace } = await ensureWorkspace(tx, workspaceName);
    const { session } = await ensureSession(tx, workspace.id, sessionName);
    await lockSessionRow(tx, session);
    await joinSessionPeers(tx, session, peerJoins(peers), 'body');
    await assertObserverLimit(tx, session);
    return sessionToWire(session, workspace.name);
  });
}
