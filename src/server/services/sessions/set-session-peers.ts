import 'server-only';
// PUT …/sessions/{sess}/peers (docs/api.md#s3-5): the listed peers become the session's active members. Current
// members not listed are marked as left (their windows close); listed ones are get-or-created and joined like
// POST …/peers. Scope members are not peers on the wire and are never removed here. The session must exist.
import type { SessionPeersMap, SessionWire } from '@/contracts/sessions';
import { sessionToWire } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { activeMemberIds, assertObserverLimit, joinSessionPeers, leaveSessionPeers, peerJoins } from './session-memberships';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function setSessionPeers(workspaceName: string, sessionName: string, peers: SessionPeersMap): Promise<SessionWire> {
  return inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    await lockSessionRow(tx, session);
    const joined = await joinSessionPeers(tx, session, peerJoins(peers), 'body');
    const listed = new Set([...joined.values()].map((peer) => peer.id));
    const unlisted = (await activeMemberIds(tx, session)).filter((id) => !listed.has(id));
    await leaveSessionPeers(tx, session, unlisted);
    await assertObserverLimit(tx, session);
    return sessionToWire(session, workspace.name);
  });
}
