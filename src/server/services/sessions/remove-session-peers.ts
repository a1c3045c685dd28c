import 'server-only';
// DELETE …/sessions/{sess}/peers (docs/api.md#s3-5): marks the listed active members as left and closes their
// membership windows. Ids that are not active members (or not peers at all) are ignored. The session must exist.
import type { SessionWire } from '@/contracts/sessions';
import { sessionToWire } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { leaveSessionPeers } from './session-memberships';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function removeSessionPeers(workspaceName: string, sessionName: string, peerNames: readonly string[]): Promise<SessionWire> {
  return inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    await lockSessionRow(tx, session);
    if (peerNames.length > 0) {
      const peers = await tx.peer.findMany({
        where: { workspaceId: workspace.id, name: { in: [...new Set(peerNames)] }, kind: 'peer' },
        select: { id: true },
      });
      await leaveSessionPeers(tx, session, peers.map((peer) => peer.id));
    }
    return sessionToWire(session, workspace.name);
  });
}
