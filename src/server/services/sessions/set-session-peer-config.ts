import 'server-only';
// PUT …/sessions/{sess}/peers/{peer}/config (docs/api.md#s3-5): merges the supplied non-null values into the stored
// per-peer configuration. A peer without a membership row joins the session with this configuration (a member who
// left stays left). The session and the peer must exist; the observer limit applies to the result.
import type { SessionPeerConfigInput } from '@/contracts/sessions';
import { requirePeer } from '../peers/ensure-peer';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { assertObserverLimit, openMembershipPeriod } from './session-memberships';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function setSessionPeerConfig(
  workspaceName: string,
  sessionName: string,
  peerName: string,
  config: SessionPeerConfigInput,
): Promise<void> {
  await inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    const peer = await requirePeer(tx, workspace.id, peerName);
    await lockSessionRow(tx, session);
    const observeMe = config.observe_me ?? null;
    const observeOthers = config.observe_others ?? null;
    const updated = await tx.$executeRaw`
      UPDATE session_peers
      SET observe_me = COALESCE(${observeMe}::boolean, observe_me), observe_others = COALESCE(${observeOthers}::boolean, observe_others)
      WHERE session_id = ${session.id} AND peer_id = ${peer.id}`;
    if (updated === 0) {
      await tx.$executeRaw`
        INSERT INTO session_peers (workspace_id, session_id, peer_id, observe_me, observe_others, joined_at, created_at)
        VALUES (${workspace.id}, ${session.id}, ${peer.id}, ${observeMe}, ${observeOthers}, now(), clock_timestamp())`;
      await openMembershipPeriod(tx, session, peer.id);
    }
    await assertObserverLimit(tx, session);
  });
}
