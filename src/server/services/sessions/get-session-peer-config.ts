import 'server-only';
// GET …/sessions/{sess}/peers/{peer}/config (docs/api.md#s3-5): the stored per-peer session configuration. Members
// who left still answer; a peer that never had a membership row is a 404.
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { requirePeer } from '../peers/ensure-peer';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';

export type SessionPeerConfig = { observe_me: boolean | null; observe_others: boolean | null };

export async function getSessionPeerConfig(workspaceName: string, sessionName: string, peerName: string): Promise<SessionPeerConfig> {
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const session = await requireSession(db, workspace.id, sessionName, workspace.name);
  const peer = await requirePeer(db, workspace.id, peerName);
  const membership = await db.sessionPeer.findUnique({ where: { sessionId_peerId: { sessionId: session.id, peerId: peer.id } } });
  if (!membership) throw new NotFoundError(`Peer ${peerName} is not a member of session ${sessionName}`);
  return { observe_me: membership.observeMe, observe_others: membership.observeOthers };
}
